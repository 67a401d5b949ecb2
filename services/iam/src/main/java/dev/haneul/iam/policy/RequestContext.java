package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything one authorization decision looks at: the principal, the action, the resource and the
 * condition keys with typed values. Keys are case-insensitive (stored lower case); values are not.
 *
 * <p>The builder fills the global keys AWS derives from the principal ({@code aws:PrincipalArn},
 * {@code aws:PrincipalAccount}, {@code aws:PrincipalType}, {@code aws:userid},
 * {@code aws:username}, {@code aws:PrincipalTag/…}) unless the caller set them, and offers setters
 * for the ones the request carries ({@code aws:SourceIp}, {@code aws:CurrentTime},
 * {@code aws:RequestTag/…} with {@code aws:TagKeys}…). The simulate APIs build it from the
 * caller's {@code ContextEntries} alone, with {@link Builder#derivePrincipalKeys(boolean)} off.
 */
public final class RequestContext {

    private final Principal principal;
    private final String action;
    private final String actionLowerCase;
    private final String servicePrefix;
    private final String resource;
    private final @Nullable Arn resourceArn;
    private final @Nullable String explicitResourceAccount;
    private final String resourceAccount;
    private final Map<String, ContextValue> values;

    private RequestContext(Principal principal, String action, String resource, @Nullable String resourceAccount,
                           Map<String, ContextValue> values) {
        this.principal = principal;
        this.action = action;
        this.actionLowerCase = action.toLowerCase(Locale.ROOT);
        int colon = actionLowerCase.indexOf(':');
        this.servicePrefix = colon < 0 ? actionLowerCase : actionLowerCase.substring(0, colon);
        this.resource = resource;
        this.resourceArn = Arn.parse(resource);
        this.explicitResourceAccount = resourceAccount;
        this.resourceAccount = resourceAccount != null ? resourceAccount
                : resourceArn != null && !resourceArn.account().isEmpty() ? resourceArn.account()
                : principal.accountId();
        this.values = values;
    }

    public static Builder builder(Principal principal, String action) {
        return new Builder(principal, action);
    }

    public Principal principal() {
        return principal;
    }

    /** The action as the caller wrote it, e.g. {@code rds:DeleteDBCluster}. */
    public String action() {
        return action;
    }

    String actionLowerCase() {
        return actionLowerCase;
    }

    /** The action's service prefix, lower case ({@code rds}). */
    String servicePrefix() {
        return servicePrefix;
    }

    /** The resource ARN, or {@code *} for an action on no particular resource. */
    public String resource() {
        return resource;
    }

    @Nullable Arn resourceArn() {
        return resourceArn;
    }

    /**
     * The account that owns the resource: as given, else the ARN's account field, else the
     * principal's account (an S3 ARN names no account).
     */
    public String resourceAccount() {
        return resourceAccount;
    }

    /** The value of condition key {@code key} (any case), or {@code null}. */
    public @Nullable ContextValue value(String key) {
        return values.get(key.toLowerCase(Locale.ROOT));
    }

    /** The keys present, lower case. */
    public Map<String, ContextValue> values() {
        return Map.copyOf(values);
    }

    /**
     * The same request on another resource (one decision per resource, as AWS makes them); a
     * {@code null} account keeps the one the builder was given.
     */
    public RequestContext withResource(String otherResource, @Nullable String otherResourceAccount) {
        return new RequestContext(principal, action, otherResource,
                otherResourceAccount != null ? otherResourceAccount : explicitResourceAccount, values);
    }

    /** Builds a {@link RequestContext}; setters for the common global keys, {@link #put} for any key. */
    public static final class Builder {
        private final Principal principal;
        private final String action;
        private final Map<String, ContextValue> values = new HashMap<>();
        private String resource = "*";
        private @Nullable String resourceAccount;
        private boolean derivePrincipalKeys = true;

        private Builder(Principal principal, String action) {
            this.principal = requireNonNull(principal, "principal");
            this.action = requireNonNull(action, "action");
        }

        public Builder resource(String arn) {
            this.resource = requireNonNull(arn, "arn");
            return this;
        }

        /** The owner of a resource whose ARN names no account (S3), the simulate APIs' {@code ResourceOwner}. */
        public Builder resourceAccount(String accountId) {
            this.resourceAccount = accountId;
            return this;
        }

        /** Whether {@link #build()} adds the keys derived from the principal (default on). */
        public Builder derivePrincipalKeys(boolean derive) {
            this.derivePrincipalKeys = derive;
            return this;
        }

        public Builder put(String key, ContextValue value) {
            values.put(key.toLowerCase(Locale.ROOT), requireNonNull(value, "value"));
            return this;
        }

        public Builder sourceIp(String address) {
            return put("aws:SourceIp", ContextValue.ip(address));
        }

        /** Sets {@code aws:CurrentTime} and {@code aws:EpochTime}. */
        public Builder currentTime(Instant now) {
            put("aws:CurrentTime", ContextValue.date(now));
            return put("aws:EpochTime", ContextValue.numeric(now.getEpochSecond()));
        }

        public Builder secureTransport(boolean secure) {
            return put("aws:SecureTransport", ContextValue.bool(secure));
        }

        public Builder requestedRegion(String region) {
            return put("aws:RequestedRegion", ContextValue.string(region));
        }

        public Builder multiFactorAuthPresent(boolean present) {
            return put("aws:MultiFactorAuthPresent", ContextValue.bool(present));
        }

        /** Sets {@code aws:RequestTag/…} for each tag and {@code aws:TagKeys}. */
        public Builder requestTags(Map<String, String> tags) {
            tags.forEach((k, v) -> put("aws:RequestTag/" + k, ContextValue.string(v)));
            return put("aws:TagKeys", ContextValue.strings(List.copyOf(tags.keySet())));
        }

        /**
         * Sets {@code aws:ResourceTag/…} and, when {@code servicePrefix} is given, the service's own
         * alias such as {@code rds:cluster-tag/…} ({@code aliasPrefix} = {@code rds:cluster-tag/}).
         */
        public Builder resourceTags(Map<String, String> tags, @Nullable String aliasPrefix) {
            tags.forEach((k, v) -> {
                put("aws:ResourceTag/" + k, ContextValue.string(v));
                if (aliasPrefix != null) {
                    put(aliasPrefix + k, ContextValue.string(v));
                }
            });
            return this;
        }

        public Builder calledVia(Collection<String> servicePrincipals) {
            return put("aws:CalledVia", ContextValue.strings(List.copyOf(servicePrincipals)));
        }

        public RequestContext build() {
            Map<String, ContextValue> all = new HashMap<>(values);
            if (derivePrincipalKeys) {
                principalKeys(principal).forEach(all::putIfAbsent);
            }
            return new RequestContext(principal, action, resource, resourceAccount, all);
        }

        private static Map<String, ContextValue> principalKeys(Principal principal) {
            Map<String, ContextValue> keys = new HashMap<>();
            if (principal.kind() == PrincipalKind.ANONYMOUS) {
                keys.put("aws:principaltype", ContextValue.string(principal.kind().principalType()));
                return keys;
            }
            String principalArn = principal.kind() == PrincipalKind.ASSUMED_ROLE ? principal.identityArn()
                    : principal.arn();
            keys.put("aws:principalarn", ContextValue.string(principalArn));
            keys.put("aws:principalaccount", ContextValue.string(principal.accountId()));
            keys.put("aws:principaltype", ContextValue.string(principal.kind().principalType()));
            keys.put("aws:principalisawsservice", ContextValue.bool(principal.kind() == PrincipalKind.SERVICE));
            keys.put("aws:userid", ContextValue.string(principal.userId()));
            if (principal.userName() != null) {
                keys.put("aws:username", ContextValue.string(principal.userName()));
            }
            principal.tags().forEach((k, v) ->
                    keys.put("aws:principaltag/" + k.toLowerCase(Locale.ROOT), ContextValue.string(v)));
            return keys;
        }
    }
}
