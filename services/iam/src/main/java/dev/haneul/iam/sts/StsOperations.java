package dev.haneul.iam.sts;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.ErrorType;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.resource.ApiDelegate;
import dev.haneul.iam.auth.Caller;
import dev.haneul.iam.auth.Credentials;
import dev.haneul.iam.policy.PolicyParser;
import dev.haneul.iam.policy.PolicyType;
import dev.haneul.iam.policy.Principal;
import dev.haneul.iam.policy.PrincipalKind;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import dev.haneul.iam.store.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * AssumeRole, GetSessionToken, GetCallerIdentity, GetAccessKeyInfo and DecodeAuthorizationMessage
 * with AWS's rules and messages (../shared/reference/iam-sts-s3.md §4). Whether the caller may
 * assume a role (trust policy and identity policy) is decided by the gateway's IAM step before the
 * operation runs; this class checks what the operation itself checks.
 */
public final class StsOperations implements ApiDelegate {

    private static final ErrorType VALIDATION = new ErrorType("STS", "ValidationError", 400, true);
    private static final ErrorType ACCESS_DENIED = new ErrorType("STS", "AccessDenied", 403, true);
    private static final ErrorType INVALID_PARAMETER = new ErrorType("STS", "InvalidParameterValue", 400, true);
    private static final ErrorType PACKED_TOO_LARGE = new ErrorType("STS", "PackedPolicyTooLarge", 400, true);
    private static final ErrorType INVALID_MESSAGE = new ErrorType("STS", "InvalidAuthorizationMessageException",
            400, true);
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:.*/)?([\\w+=,.@-]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** Sessions this long expired are dropped from the state file when a new one is issued. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final IamStore store;
    private final Credentials credentials;
    /** The access key that is the root user when IAM is not enforced (HANEUL_CREDENTIALS' default). */
    private static final String DEFAULT_ROOT_KEY = "test";

    private final boolean enforcing;

    public StsOperations(IamStore store, Credentials credentials, boolean enforcing) {
        this.store = requireNonNull(store, "store");
        this.credentials = requireNonNull(credentials, "credentials");
        this.enforcing = enforcing;
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        return switch (operation.name()) {
            case "GetCallerIdentity" -> callerIdentity(context);
            case "AssumeRole" -> assumeRole(context, input);
            case "GetSessionToken" -> sessionToken(context, input);
            case "GetAccessKeyInfo" -> Map.of("Account", store.accountId());
            case "DecodeAuthorizationMessage" -> throw INVALID_MESSAGE.error(
                    "The message is not a valid encoded authorization message: Haneul's denials are not encoded");
            default -> throw CommonErrors.notImplemented("STS", operation.name());
        };
    }

    /**
     * The caller, or, when IAM is not enforced, an IAM user named after the key. Without enforcement
     * only the default key {@code test} is the root user and every other key (configured or not) an
     * IAM user of its own name, as before IAM existed; with {@code iam} the configured keys are the
     * account's root keys.
     */
    private Principal principal(RequestContext context) {
        String key = context.accessKeyId();
        Optional<Caller> caller = credentials.find(key);
        if (caller.isPresent() && (enforcing || caller.get().principal().kind() != PrincipalKind.ROOT
                || key.equals(DEFAULT_ROOT_KEY))) {
            return caller.get().principal();
        }
        return Principal.user(store.accountId(), "/", key, legacyUserId(key), Map.of());
    }

    private Map<String, Object> callerIdentity(RequestContext context) {
        Principal principal = principal(context);
        return Map.of("UserId", principal.userId(), "Account", principal.accountId(), "Arn", principal.arn());
    }

    private Map<String, Object> assumeRole(RequestContext context, Map<String, Object> input) {
        Optional<Caller> found = credentials.find(context.accessKeyId());
        Principal caller = principal(context);
        String roleArn = string(input, "RoleArn");
        String sessionName = string(input, "RoleSessionName");
        if (!SESSION_NAME.matcher(sessionName).matches() || sessionName.length() < 2 || sessionName.length() > 64) {
            throw VALIDATION.error("1 validation error detected: Value '" + sessionName + "' at 'roleSessionName' "
                    + "failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        var matcher = ROLE_ARN.matcher(roleArn);
        if (!matcher.matches()) {
            throw VALIDATION.error(roleArn + " is invalid");
        }
        if (enforcing && caller.kind() == PrincipalKind.ROOT) {
            throw ACCESS_DENIED.error("Roles may not be assumed by root accounts.");
        }
        boolean chained = found.map(Caller::temporary).orElse(false);
        Integer requested = input.get("DurationSeconds") instanceof Number n ? n.intValue() : null;
        String policy = optional(input, "Policy");
        if (policy != null) {
            PolicyParser.parse(policy, PolicyType.IDENTITY);
        }
        List<String> policyArns = new ArrayList<>();
        for (Object item : list(input, "PolicyArns")) {
            if (item instanceof Map<?, ?> m && m.get("arn") != null) {
                policyArns.add(String.valueOf(m.get("arn")));
            }
        }
        Map<String, String> tags = tags(input);
        List<String> transitive = new ArrayList<>();
        for (Object key : list(input, "TransitiveTagKeys")) {
            transitive.add(String.valueOf(key));
        }
        Set<String> tagKeys = new HashSet<>();
        tags.keySet().forEach(k -> tagKeys.add(k.toLowerCase(Locale.ROOT)));
        for (String key : transitive) {
            if (!tagKeys.contains(key.toLowerCase(Locale.ROOT))) {
                throw INVALID_PARAMETER.error("The specified transitive tag key must be included in the requested tags.");
            }
        }
        String sourceIdentity = optional(input, "SourceIdentity");
        if (sourceIdentity != null && sourceIdentity.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            throw VALIDATION.error("1 validation error detected: Value '" + sourceIdentity
                    + "' at 'sourceIdentity' failed to satisfy constraint: Member must not start with 'aws:'");
        }
        int packed = packedSize(policy, policyArns, tags);
        if (packed > 100) {
            throw PACKED_TOO_LARGE.error("Serialized token too large for session. It must not exceed 100% of the "
                    + "allowed size; this one is " + packed + "%.");
        }
        String roleName = matcher.group(2);
        Instant now = store.clock().instant();
        return store.write(state -> {
            IamState.Role role = state.roles.get(IamStore.key(roleName));
            if (role == null || !store.arn("role", role.path, role.name).equals(roleArn)) {
                throw ACCESS_DENIED.error("User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole "
                        + "on resource: " + roleArn);
            }
            int duration = requested == null ? 3600 : requested;
            if (duration < 900) {
                throw VALIDATION.error("1 validation error detected: Value '" + duration + "' at 'durationSeconds' "
                        + "failed to satisfy constraint: Member must have value greater than or equal to 900");
            }
            if (chained && duration > 3600) {
                throw VALIDATION.error("The requested DurationSeconds exceeds the 1 hour session limit for roles "
                        + "assumed by role chaining.");
            }
            if (duration > role.maxSessionDuration) {
                throw VALIDATION.error("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
            }
            IamState.Session parent = found.map(Caller::sessionKey).map(state.sessions::get).orElse(null);
            Map<String, String> sessionTags = new LinkedHashMap<>();
            List<String> sessionTransitive = new ArrayList<>(transitive);
            String identity = sourceIdentity;
            if (parent != null) {
                for (String key : parent.transitiveTagKeys) {
                    for (String mine : transitive) {
                        if (mine.equalsIgnoreCase(key)) {
                            throw INVALID_PARAMETER.error("One of the specified transitive tag keys can't be set "
                                    + "because it conflicts with a transitive tag key from the calling session.");
                        }
                    }
                    String value = parent.tags.get(key);
                    if (value != null) {
                        sessionTags.put(key, value);
                        sessionTransitive.add(key);
                    }
                }
                if (identity == null) {
                    identity = parent.sourceIdentity;
                }
            }
            sessionTags.putAll(tags);
            IamState.Session session = new IamState.Session();
            session.accessKeyId = Ids.accessKey("ASIA");
            session.secret = Ids.secret();
            session.token = Ids.sessionToken();
            session.issued = now;
            session.expiration = now.plusSeconds(duration);
            session.roleName = role.name;
            session.roleId = role.id;
            session.sessionName = sessionName;
            if (policy != null) {
                session.sessionPolicies.add(policy);
            }
            session.sessionPolicyArns.addAll(policyArns);
            session.tags.putAll(sessionTags);
            session.transitiveTagKeys.addAll(sessionTransitive);
            session.sourceIdentity = identity;
            session.chained = chained;
            role.lastUsed = now;
            role.lastUsedRegion = context.region();
            issue(state, session, now);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Credentials", credentialsView(session));
            out.put("AssumedRoleUser", Map.of("AssumedRoleId", role.id + ":" + sessionName,
                    "Arn", "arn:aws:sts::" + store.accountId() + ":assumed-role/" + role.name + "/" + sessionName));
            out.put("PackedPolicySize", packed);
            if (identity != null) {
                out.put("SourceIdentity", identity);
            }
            return out;
        });
    }

    private Map<String, Object> sessionToken(RequestContext context, Map<String, Object> input) {
        Optional<Caller> found = credentials.find(context.accessKeyId());
        if (found.map(Caller::temporary).orElse(false)) {
            throw ACCESS_DENIED.error("Cannot call GetSessionToken with session credentials");
        }
        Principal caller = principal(context);
        Integer requested = input.get("DurationSeconds") instanceof Number n ? n.intValue() : null;
        int duration = requested == null ? 43200 : requested;
        if (duration < 900 || duration > 129600) {
            throw VALIDATION.error("1 validation error detected: Value '" + duration + "' at 'durationSeconds' "
                    + "failed to satisfy constraint: Member must have value "
                    + (duration < 900 ? "greater than or equal to 900" : "less than or equal to 129600"));
        }
        boolean root = caller.kind() == PrincipalKind.ROOT;
        if (root) {
            duration = Math.min(duration, 3600);
        }
        Instant now = store.clock().instant();
        int seconds = duration;
        return store.write(state -> {
            IamState.Session session = new IamState.Session();
            session.accessKeyId = Ids.accessKey("ASIA");
            session.secret = Ids.secret();
            session.token = Ids.sessionToken();
            session.issued = now;
            session.expiration = now.plusSeconds(seconds);
            session.root = root;
            session.userName = root ? null : caller.userName();
            issue(state, session, now);
            return Map.of("Credentials", credentialsView(session));
        });
    }

    private static void issue(IamState state, IamState.Session session, Instant now) {
        state.sessions.values().removeIf(s -> s.expiration.plus(KEEP_EXPIRED).isBefore(now));
        state.sessions.put(session.accessKeyId, session);
    }

    private static Map<String, Object> credentialsView(IamState.Session session) {
        return Map.of("AccessKeyId", session.accessKeyId, "SecretAccessKey", session.secret,
                "SessionToken", session.token, "Expiration", session.expiration);
    }

    /** The share of the session's policy and tag allowance used, in percent (AWS packs and compresses them). */
    private static int packedSize(@Nullable String policy, List<String> policyArns, Map<String, String> tags) {
        int size = policy == null ? 0 : policy.replaceAll("\\s", "").length() / 2;
        for (String arn : policyArns) {
            size += arn.length() / 4;
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            size += tag.getKey().length() + tag.getValue().length();
        }
        return Math.max(0, (int) Math.ceil(size * 100.0 / 2048));
    }

    private static String string(Map<String, Object> input, String member) {
        Object value = input.get(member);
        return value == null ? "" : value.toString();
    }

    private static @Nullable String optional(Map<String, Object> input, String member) {
        Object value = input.get(member);
        return value == null ? null : value.toString();
    }

    private static List<?> list(Map<String, Object> input, String member) {
        return input.get(member) instanceof List<?> l ? l : List.of();
    }

    private static Map<String, String> tags(Map<String, Object> input) {
        Map<String, String> tags = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Object item : list(input, "Tags")) {
            if (item instanceof Map<?, ?> tag) {
                String key = String.valueOf(tag.get("Key"));
                if (!seen.add(key.toLowerCase(Locale.ROOT))) {
                    throw INVALID_PARAMETER.error("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
                }
                tags.put(key, String.valueOf(tag.get("Value")));
            }
        }
        if (tags.size() > 50) {
            throw VALIDATION.error("1 validation error detected: Value at 'tags' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 50");
        }
        return tags;
    }

    /** The stable {@code AIDA…} id Haneul has always given a key that names no IAM user (auth modes none, sigv4). */
    static String legacyUserId(String accessKeyId) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(accessKeyId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder id = new StringBuilder("AIDA");
        for (int i = 0; i < 17; i++) {
            id.append(BASE32[(digest[i] & 0xff) % 32]);
        }
        return id.toString();
    }

    static AwsServiceException accessDenied(String message) {
        return ACCESS_DENIED.error(message);
    }
}
