package dev.haneul.iam.auth;

import static java.util.Objects.requireNonNull;

import dev.haneul.iam.policy.Principal;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Access key to owner: the account's root keys ({@code test}, or what {@code HANEUL_CREDENTIALS}
 * names), IAM users' access keys, and STS temporary credentials.
 */
public final class Credentials {

    private final IamStore store;
    private final Map<String, String> rootKeys;

    public Credentials(IamStore store, Map<String, String> rootKeys) {
        this.store = requireNonNull(store, "store");
        this.rootKeys = Map.copyOf(rootKeys);
    }

    public boolean isRootKey(String accessKeyId) {
        return rootKeys.containsKey(accessKeyId);
    }

    /** The owner of {@code accessKeyId}, or empty when no one has it. */
    public Optional<Caller> find(String accessKeyId) {
        String rootSecret = rootKeys.get(accessKeyId);
        String account = store.accountId();
        if (rootSecret != null) {
            return Optional.of(new Caller(Principal.root(account), rootSecret, true, null, null, null, null, null));
        }
        return store.read(state -> {
            IamState.Session session = state.sessions.get(accessKeyId);
            if (session != null) {
                return Optional.of(sessionCaller(state, session, account));
            }
            for (IamState.User user : state.users.values()) {
                for (IamState.AccessKey key : user.accessKeys) {
                    if (key.id.equals(accessKeyId)) {
                        return Optional.of(new Caller(Principal.user(account, user.path, user.name, user.id, user.tags),
                                key.secret, key.status.equals("Active"), null, null, user.name, null, null));
                    }
                }
            }
            return Optional.empty();
        });
    }

    private static Caller sessionCaller(IamState state, IamState.Session session, String account) {
        Principal principal;
        if (session.roleName != null) {
            IamState.Role role = state.roles.get(IamStore.key(session.roleName));
            Map<String, String> tags = new LinkedHashMap<>();
            if (role != null) {
                tags.putAll(role.tags);
            }
            tags.putAll(session.tags);
            principal = Principal.roleSession(account, role == null ? "/" : role.path, session.roleName,
                    session.roleId == null ? "AROA" : session.roleId, session.sessionName == null ? "" : session.sessionName,
                    tags);
        } else if (session.userName != null) {
            IamState.User user = state.users.get(IamStore.key(session.userName));
            principal = user == null ? Principal.user(account, "/", session.userName, "AIDA", Map.of())
                    : Principal.user(account, user.path, user.name, user.id, user.tags);
        } else {
            principal = Principal.root(account);
        }
        return new Caller(principal, session.secret, true, session.token, session.expiration, session.userName,
                session.roleName, session.accessKeyId);
    }
}
