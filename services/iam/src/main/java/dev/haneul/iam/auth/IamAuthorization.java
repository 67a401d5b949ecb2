package dev.haneul.iam.auth;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.DeniedItems;
import dev.haneul.core.api.ErrorType;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.auth.SigV4Failure;
import dev.haneul.core.auth.SigV4Result;
import dev.haneul.core.auth.SigV4Verifier;
import dev.haneul.core.auth.SignableRequest;
import dev.haneul.core.gateway.ApiCall;
import dev.haneul.core.gateway.ApiInterceptor;
import dev.haneul.core.gateway.ApiRequest;
import dev.haneul.core.gateway.SigningScope;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.core.state.Scope;
import dev.haneul.iam.policy.ActionTable;
import dev.haneul.iam.policy.CompiledPolicy;
import dev.haneul.iam.policy.ContextValue;
import dev.haneul.iam.policy.Decision;
import dev.haneul.iam.policy.DenialMessage;
import dev.haneul.iam.policy.DenialReason;
import dev.haneul.iam.policy.EvalDecision;
import dev.haneul.iam.policy.Evaluator;
import dev.haneul.iam.policy.PolicyCategory;
import dev.haneul.iam.policy.PolicySet;
import dev.haneul.iam.policy.PolicySource;
import dev.haneul.iam.policy.PolicyType;
import dev.haneul.iam.policy.RequestContext;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code HANEUL_AUTH=iam}, as a step of the gateway's chain. Before decoding: the access key must
 * belong to someone (else {@code InvalidClientTokenId}), be active, carry its session token when
 * temporary and not be expired ({@code ExpiredToken}), and the signature must verify with its
 * secret. Before invoking: every IAM action the operation needs, on every resource it touches, is
 * decided by the {@link Evaluator} under the caller's policies (the root key is allowed
 * everything); a denial is AWS's {@code AccessDenied} with its message, in the service's protocol.
 * The keys of an S3 DeleteObjects are decided one by one: a denied key is handed to the provider
 * ({@link ApiCall#deniedItems}) to report, not a refusal of the request.
 *
 * <p>In every auth mode, a call without any authentication that S3 takes as the anonymous
 * principal's ({@link ApiCall#anonymous()}) is decided here against the bucket's policy alone,
 * so it does only what a statement with {@code "Principal": "*"} grants; a denial is S3's plain
 * {@code Access Denied}, as AWS tells anonymous callers nothing more.
 */
public final class IamAuthorization implements ApiInterceptor {

    private static final ErrorType QUERY_DENIED = new ErrorType(ErrorType.COMMON, "AccessDenied", 403, true);
    private static final ErrorType JSON_DENIED = new ErrorType(ErrorType.COMMON, "AccessDeniedException", 400, true);
    private static final ErrorType QUERY_EXPIRED = new ErrorType(ErrorType.COMMON, "ExpiredToken", 403, true);
    private static final ErrorType JSON_EXPIRED = new ErrorType(ErrorType.COMMON, "ExpiredTokenException", 400, true);
    private static final ErrorType S3_UNKNOWN_KEY = new ErrorType(ErrorType.COMMON, "InvalidAccessKeyId", 403, true);

    private final boolean enabled;
    private final IamStore store;
    private final Credentials credentials;
    private final PolicyResolver policies;
    private final Evaluator evaluator;
    private final ActionTable actions;
    private final Clock clock;
    private final SigV4Verifier verifier;

    public IamAuthorization(boolean enabled, IamStore store, Credentials credentials, PolicyResolver policies,
                            Evaluator evaluator, ActionTable actions, Clock clock) {
        this.enabled = enabled;
        this.store = requireNonNull(store, "store");
        this.credentials = requireNonNull(credentials, "credentials");
        this.policies = requireNonNull(policies, "policies");
        this.evaluator = requireNonNull(evaluator, "evaluator");
        this.actions = requireNonNull(actions, "actions");
        this.clock = requireNonNull(clock, "clock");
        this.verifier = SigV4Verifier.builder(key -> credentials.find(key).map(Caller::secret), Clock.systemUTC())
                .build();
    }

    public boolean enabled() {
        return enabled;
    }

    @Override
    public void beforeDecode(ApiCall call) {
        if (!enabled || call.anonymous()) {
            return;
        }
        Protocol protocol = call.protocol();
        String key = call.scope().map(SigningScope::accessKeyId).orElse("");
        Optional<Caller> found = credentials.find(key);
        if (found.isEmpty() || !found.get().active()) {
            throw unknownKey(protocol);
        }
        Caller caller = found.get();
        SigV4Result result = verifier.verify(signable(call.request()));
        if (result instanceof SigV4Result.Rejected rejected) {
            SigV4Failure failure = rejected.failure();
            throw (protocol.jsonFamily()
                    ? new ErrorType(ErrorType.COMMON, failure.jsonCode(), failure.jsonStatus(), true)
                    : new ErrorType(ErrorType.COMMON, failure.queryCode(), failure.queryStatus(), true))
                    .error(failure.message());
        }
        // A streamed S3 upload's chunks are signed in a chain seeded by the request's signature:
        // hand the chain to the body's decoder as the sigv4 mode does, or the chunks go unchecked.
        verifier.chunkSignatures(signable(call.request())).ifPresent(call::chunkSignatures);
        if (caller.temporary()) {
            String token = securityToken(call.request());
            if (!token.equals(caller.sessionToken())) {
                throw unknownKey(protocol);
            }
            Instant expiration = caller.expiration();
            if (expiration != null && !clock.instant().isBefore(expiration)) {
                throw (protocol.jsonFamily() ? JSON_EXPIRED : QUERY_EXPIRED)
                        .error(protocol == Protocol.REST_XML ? "The provided token has expired."
                                : "The security token included in the request is expired");
            }
        } else if (!securityToken(call.request()).isEmpty()) {
            throw unknownKey(protocol);
        } else if (caller.userName() != null) {
            store.recordKeyUse(key, call.provider().model().signingName(),
                    call.scope().map(SigningScope::region).orElse("us-east-1"));
        }
    }

    private static AwsServiceException unknownKey(Protocol protocol) {
        if (protocol == Protocol.REST_XML) {
            return S3_UNKNOWN_KEY.error("The AWS Access Key Id you provided does not exist in our records.");
        }
        SigV4Failure.Kind kind = SigV4Failure.Kind.INVALID_CLIENT_TOKEN_ID;
        return (protocol.jsonFamily() ? new ErrorType(ErrorType.COMMON, kind.jsonCode(), kind.jsonStatus(), true)
                : new ErrorType(ErrorType.COMMON, kind.queryCode(), kind.queryStatus(), true))
                .error(kind.defaultMessage());
    }

    private static String securityToken(ApiRequest request) {
        Optional<String> header = request.header("X-Amz-Security-Token");
        if (header.isPresent()) {
            return header.get();
        }
        for (String pair : request.rawQuery().split("&")) {
            if (pair.startsWith("X-Amz-Security-Token=")) {
                return URLDecoder.decode(pair.substring("X-Amz-Security-Token=".length()),
                        StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void beforeInvoke(ApiCall call) {
        String region = call.scope().map(SigningScope::region).orElse("us-east-1");
        if (call.anonymous()) {
            call.deniedItems(authorize(Caller.anonymousCaller(), call.provider(), call.operation().name(), call.input(),
                    region, call.protocol(), true));
            call.allowAnonymous();
            return;
        }
        if (!enabled) {
            return;
        }
        String key = call.scope().map(SigningScope::accessKeyId).orElse("");
        Caller caller = credentials.find(key).orElseThrow(() -> unknownKey(call.protocol()));
        call.deniedItems(authorize(caller, call.provider(), call.operation().name(), call.input(), region,
                call.protocol(), true));
    }

    /**
     * Decides every IAM action {@code operation} of {@code provider} needs, on every resource it
     * touches, for {@code caller}; the gateway's calls and the dashboard's (acting as a principal)
     * both come here.
     *
     * @param recorded whether the decisions go to the decision log (the dashboard's page reads do not)
     * @return the items of a batch (the keys of an S3 DeleteObjects) the caller may not act on
     * @throws AwsServiceException AWS's {@code AccessDenied} in {@code protocol}'s code and wording
     */
    DeniedItems authorize(Caller caller, ServiceProvider provider, String operation, Map<String, Object> input,
                          String region, Protocol protocol, boolean recorded) {
        if (caller.root()) {
            return DeniedItems.NONE;
        }
        String prefix = provider.model().signingName();
        if (caller.temporary() && caller.roleName() == null && prefix.equals("iam")) {
            // GetSessionToken credentials without MFA cannot call IAM.
            throw unknownKey(protocol);
        }
        String account = store.accountId();
        Scope scope = new Scope(account, region);
        Target target = new Target(provider, input, scope, region, protocol, recorded);
        if (!ActionTable.SERVICES.contains(prefix)) {
            // A service whose actions are not transcribed yet (docs/fidelity.md): its operation names.
            String resource = UntranscribedActions.resource();
            for (String iamAction : UntranscribedActions.actionsFor(prefix, operation)) {
                require(decide(caller, iamAction, resource, target), caller, iamAction, resource, protocol);
            }
            return DeniedItems.NONE;
        }
        ActionTable.ServiceActions service = actions.service(prefix);
        List<String> needed = service.actionsFor(operation);
        if (needed == null || needed.isEmpty()) {
            return DeniedItems.NONE;
        }
        List<S3Requests.Check> checks = new ArrayList<>();
        for (String iamAction : needed) {
            ActionTable.ActionDefinition definition = actions.action(iamAction);
            if (definition == null) {
                continue;
            }
            // An action of another service (wafv2:AssociateWebACL needs elasticloadbalancing:SetWebAcl)
            // names its resources with that service's types.
            ActionTable.ServiceActions owner = definition.service().equals(prefix) ? service
                    : actions.service(definition.service());
            for (String resource : RequestResources.resolve(owner, definition, input, region, account, this::pathOf)) {
                checks.add(new S3Requests.Check(iamAction, resource));
            }
        }
        if (prefix.equals("s3")) {
            checks = S3Requests.adjust(operation, input, checks);
        }
        Set<Integer> denied = Set.of();
        for (S3Requests.Check check : checks) {
            Decision decision = decide(caller, check.action(), check.resource(), target);
            if (check.item() == S3Requests.Check.WHOLE_REQUEST) {
                require(decision, caller, check.action(), check.resource(), protocol);
            } else if (!decision.allowed()) {
                denied = denied.isEmpty() ? new HashSet<>() : denied;
                denied.add(check.item());
            }
        }
        return denied.isEmpty() ? DeniedItems.NONE : new DeniedItems(denied);
    }

    /**
     * What a decision is about besides the action and resource: the provider called, its input,
     * where; and whether it goes to the decision log.
     */
    private record Target(ServiceProvider provider, Map<String, Object> input, Scope scope, String region,
                          Protocol protocol, boolean recorded) {}

    private void require(Decision decision, Caller caller, String action, String resource, Protocol protocol) {
        if (!decision.allowed() && caller.anonymous()) {
            throw QUERY_DENIED.error("Access Denied");
        }
        if (!decision.allowed()) {
            throw (protocol.jsonFamily() ? JSON_DENIED : QUERY_DENIED)
                    .error(message(decision, caller, action, resource, protocol));
        }
    }

    private String message(Decision decision, Caller caller, String action, String resource, Protocol protocol) {
        if (action.equals("sts:AssumeRole")) {
            // STS words its denials without the reason (reference §4.3).
            return "User: " + caller.principal().arn() + " is not authorized to perform: sts:AssumeRole on resource: "
                    + resource;
        }
        RequestContext context = RequestContext.builder(caller.principal(), action).resource(resource).build();
        String message = DenialMessage.format(decision, context);
        if (protocol == Protocol.REST_XML && !resource.equals("*")) {
            message = message.replace("on resource: " + resource, "on resource: \"" + resource + "\"");
        }
        return message;
    }

    private Decision decide(Caller caller, String action, String resource, Target target) {
        String region = target.region();
        Scope scope = target.scope();
        RequestContext.Builder request = RequestContext.builder(caller.principal(), action)
                .resource(resource)
                .currentTime(clock.instant())
                .secureTransport(false)
                .sourceIp("127.0.0.1")
                .requestedRegion(region)
                .multiFactorAuthPresent(false);
        if (caller.temporary()) {
            request.put("aws:TokenIssueTime", ContextValue.date(clock.instant()));
        }
        Map<String, String> requestTags = requestTags(target.input());
        if (!requestTags.isEmpty()) {
            request.requestTags(requestTags);
        }
        if (!resource.equals("*")) {
            Optional<Map<String, String>> tags = target.provider().resourceTags(scope, resource);
            if (tags.isPresent()) {
                request.resourceTags(tags.get(), tagAlias(action, resource));
            }
        }
        target.input().forEach((member, value) -> {
            if (value instanceof String s && (action.startsWith("sts:"))) {
                switch (member) {
                    case "ExternalId" -> request.put("sts:ExternalId", ContextValue.string(s));
                    case "RoleSessionName" -> request.put("sts:RoleSessionName", ContextValue.string(s));
                    case "SourceIdentity" -> request.put("sts:SourceIdentity", ContextValue.string(s));
                    default -> { }
                }
            }
        });
        return store.read(state -> {
            PolicySet set = policySet(state, caller);
            if (action.startsWith("sts:") && resource.contains(":role/")) {
                IamState.Role role = roleByArn(state, resource);
                if (role != null) {
                    CompiledPolicy trust = policies.compile(role.trustPolicy,
                            PolicySource.of(role.name, PolicySource.Type.RESOURCE), PolicyType.TRUST);
                    set = set.withResourcePolicy(trust);
                }
            } else {
                Optional<String> document = target.provider().resourcePolicy(scope, resource);
                if (document.isPresent()) {
                    set = set.withResourcePolicy(policies.compile(document.get(),
                            PolicySource.of(resource, PolicySource.Type.RESOURCE), PolicyType.RESOURCE));
                }
            }
            RequestContext context = request.build();
            Decision decision = target.recorded() ? evaluator.evaluate(set, context)
                    : evaluator.evaluateUnrecorded(set, context);
            if (decision.allowed() && set.resourcePolicy() != null && action.startsWith("sts:")
                    && decision.matchedStatements().stream().noneMatch(m -> m.category() == PolicyCategory.RESOURCE)) {
                // A role's trust policy must itself allow the caller, within the account too
                // (an identity policy's allow is not enough).
                return new Decision(EvalDecision.IMPLICIT_DENY, DenialReason.noAllow(PolicyCategory.RESOURCE),
                        List.of(), decision.allowedByPermissionsBoundary(), decision.missingContextValues());
            }
            return decision;
        });
    }

    private IamState.@Nullable Role roleByArn(IamState state, String arn) {
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        IamState.Role role = state.roles.get(IamStore.key(name));
        return role != null && store.arn("role", role.path, role.name).equals(arn) ? role : null;
    }

    PolicySet policySet(IamState state, Caller caller) {
        String sessionKey = caller.sessionKey();
        if (sessionKey != null) {
            IamState.Session session = state.sessions.get(sessionKey);
            return session == null ? PolicySet.of(List.of()) : policies.forSession(state, session);
        }
        String roleName = caller.roleName();
        if (roleName != null) {
            // A role acted as without an STS session (the dashboard): the role's own policies.
            IamState.Role role = state.roles.get(IamStore.key(roleName));
            return role == null ? PolicySet.of(List.of()) : policies.forRole(state, role);
        }
        String userName = caller.userName();
        if (userName != null) {
            IamState.User user = state.users.get(IamStore.key(userName));
            return user == null ? PolicySet.of(List.of()) : policies.forUser(state, user);
        }
        return PolicySet.of(List.of());
    }

    /** The service's own resource-tag key for a resource type, such as {@code rds:cluster-tag/}. */
    private @Nullable String tagAlias(String action, String resource) {
        String prefix = action.substring(0, action.indexOf(':'));
        if (!ActionTable.SERVICES.contains(prefix)) {
            return null;
        }
        ActionTable.ServiceActions service = actions.service(prefix);
        for (ActionTable.ResourceType type : service.resourceTypes().values()) {
            if (type.matches(resource)) {
                for (String key : type.conditionKeys()) {
                    if (key.endsWith("/${TagKey}") && !key.startsWith("aws:")) {
                        return key.substring(0, key.length() - "${TagKey}".length());
                    }
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> requestTags(Map<String, Object> input) {
        Map<String, String> tags = new LinkedHashMap<>();
        Object list = input.get("Tags");
        if (list instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> tag) {
                    Object k = ((Map<String, Object>) tag).get("Key");
                    Object v = ((Map<String, Object>) tag).get("Value");
                    if (k != null) {
                        tags.put(k.toString(), v == null ? "" : v.toString());
                    }
                }
            }
        }
        return tags;
    }

    private String pathOf(String type, String name) {
        return store.read(state -> {
            String key = IamStore.key(name);
            IamState.PolicyHolder holder = switch (type.toLowerCase(Locale.ROOT)) {
                case "user" -> state.users.get(key);
                case "role" -> state.roles.get(key);
                case "group" -> state.groups.get(key);
                default -> null;
            };
            if (holder != null) {
                return holder.path;
            }
            if (type.equalsIgnoreCase("InstanceProfile")) {
                IamState.InstanceProfile profile = state.instanceProfiles.get(key);
                return profile == null ? "/" : profile.path;
            }
            return "/";
        });
    }

    private static SignableRequest signable(ApiRequest request) {
        String target = request.rawQuery().isEmpty() ? request.rawPath() : request.rawPath() + "?" + request.rawQuery();
        return SignableRequest.of(request.method(), target, request.headers(), request.body());
    }
}
