package dev.haneul.iam.auth;

import dev.haneul.iam.policy.CompiledPolicy;
import dev.haneul.iam.policy.PolicySet;
import dev.haneul.iam.policy.PolicySource;
import dev.haneul.iam.policy.PolicyType;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the policies that apply to a user, a role or a session (inline, attached, their groups',
 * the boundary, the session policies) and compiles each document once: compiled policies are
 * cached by source and text, so a changed document compiles again and an unchanged one never does.
 */
public final class PolicyResolver {

    private static final int CACHE_LIMIT = 10_000;

    private final IamStore store;
    private final Map<Key, CompiledPolicy> compiled = new ConcurrentHashMap<>();

    public PolicyResolver(IamStore store) {
        this.store = store;
    }

    /**
     * A cache key that costs nothing to hash on a hit: the documents are the state's own strings,
     * whose hash codes Java keeps once computed (a concatenated key cost tens of µs per decision).
     */
    private record Key(PolicySource source, PolicyType type, String document) {}

    public CompiledPolicy compile(String document, PolicySource source, PolicyType type) {
        Key key = new Key(source, type, document);
        CompiledPolicy policy = compiled.get(key);
        if (policy == null) {
            policy = CompiledPolicy.parse(document, type, source);
            if (compiled.size() >= CACHE_LIMIT) {
                compiled.clear();
            }
            compiled.put(key, policy);
        }
        return policy;
    }

    /** The managed policy {@code arn} as its holder's kind sees it, or empty when it no longer exists. */
    public Optional<CompiledPolicy> managed(IamState state, String arn) {
        return store.policyDocument(state, arn).map(document -> compile(document, PolicySource.managed(arn,
                arn.startsWith("arn:aws:iam::aws:") ? PolicySource.Type.AWS_MANAGED : PolicySource.Type.USER_MANAGED),
                PolicyType.IDENTITY));
    }

    private void holder(IamState state, IamState.PolicyHolder holder, PolicySource.Type type,
                        List<CompiledPolicy> out) {
        holder.inlinePolicies.forEach((name, document) ->
                out.add(compile(document, PolicySource.of(name, type), PolicyType.IDENTITY)));
        for (String arn : holder.attachedPolicies) {
            managed(state, arn).ifPresent(out::add);
        }
    }

    /** A user's own policies and its groups'. */
    public List<CompiledPolicy> userPolicies(IamState state, IamState.User user) {
        List<CompiledPolicy> out = new ArrayList<>();
        holder(state, user, PolicySource.Type.USER, out);
        for (String groupName : user.groups) {
            IamState.Group group = state.groups.get(IamStore.key(groupName));
            if (group != null) {
                holder(state, group, PolicySource.Type.GROUP, out);
            }
        }
        return out;
    }

    public List<CompiledPolicy> groupPolicies(IamState state, IamState.Group group) {
        List<CompiledPolicy> out = new ArrayList<>();
        holder(state, group, PolicySource.Type.GROUP, out);
        return out;
    }

    public List<CompiledPolicy> rolePolicies(IamState state, IamState.Role role) {
        List<CompiledPolicy> out = new ArrayList<>();
        holder(state, role, PolicySource.Type.ROLE, out);
        return out;
    }

    private @Nullable CompiledPolicy boundary(IamState state, @Nullable String arn) {
        return arn == null ? null : managed(state, arn).orElse(null);
    }

    public PolicySet forUser(IamState state, IamState.User user) {
        return new PolicySet(userPolicies(state, user), boundary(state, user.permissionsBoundary), List.of(), null);
    }

    public PolicySet forRole(IamState state, IamState.Role role) {
        return new PolicySet(rolePolicies(state, role), boundary(state, role.permissionsBoundary), List.of(), null);
    }

    /** The policies of the session {@code session} (a role session, or a user's GetSessionToken one). */
    public PolicySet forSession(IamState state, IamState.Session session) {
        PolicySet base;
        if (session.roleName != null) {
            IamState.Role role = state.roles.get(IamStore.key(session.roleName));
            base = role == null ? PolicySet.of(List.of()) : forRole(state, role);
        } else if (session.userName != null) {
            IamState.User user = state.users.get(IamStore.key(session.userName));
            return user == null ? PolicySet.of(List.of()) : forUser(state, user);
        } else {
            return PolicySet.of(List.of());
        }
        List<CompiledPolicy> sessionPolicies = new ArrayList<>();
        for (String document : session.sessionPolicies) {
            sessionPolicies.add(compile(document, PolicySource.of("SessionPolicy", PolicySource.Type.NONE),
                    PolicyType.IDENTITY));
        }
        for (String arn : session.sessionPolicyArns) {
            managed(state, arn).ifPresent(sessionPolicies::add);
        }
        return base.withSessionPolicies(sessionPolicies);
    }
}
