package dev.haneul.iam.auth;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ActingPrincipals;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.iam.policy.Principal;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard acting as a principal the user chose: the account's root, an IAM user (its
 * identity: its own, its groups' policies and its boundary) or a role (as a session of it named
 * {@value #SESSION_NAME}, with the role's policies and boundary; no STS session is created, so
 * nothing is left behind). Each call is decided by {@link IamAuthorization} exactly as the same
 * operation through the API, so it lands in the decision log and a denial carries AWS's message.
 */
public final class ActingAs implements ActingPrincipals {

    /** The session name a role acts under in the dashboard, as the console names its own. */
    public static final String SESSION_NAME = "haneul-dashboard";

    private final boolean enforcing;
    private final IamStore store;
    private final IamAuthorization authorization;

    public ActingAs(boolean enforcing, IamStore store, IamAuthorization authorization) {
        this.enforcing = enforcing;
        this.store = requireNonNull(store, "store");
        this.authorization = requireNonNull(authorization, "authorization");
    }

    @Override
    public boolean enforcing() {
        return enforcing;
    }

    @Override
    public List<ActingPrincipal> principals() {
        String account = store.accountId();
        return store.read(state -> {
            List<ActingPrincipal> out = new ArrayList<>();
            out.add(new ActingPrincipal(Principal.root(account).arn(), "root", "root"));
            for (IamState.User user : state.users.values()) {
                out.add(new ActingPrincipal(store.arn("user", user.path, user.name), "user", user.name));
            }
            for (IamState.Role role : state.roles.values()) {
                out.add(new ActingPrincipal(store.arn("role", role.path, role.name), "role", role.name));
            }
            return out;
        });
    }

    @Override
    public String authorize(String principalArn, ServiceProvider provider, OperationModel operation,
                            Map<String, Object> input, String region) {
        return decide(principalArn, provider, operation, input, region, true);
    }

    @Override
    public void authorizeRead(String principalArn, ServiceProvider provider, OperationModel operation,
                              Map<String, Object> input, String region) {
        decide(principalArn, provider, operation, input, region, false);
    }

    private String decide(String principalArn, ServiceProvider provider, OperationModel operation,
                          Map<String, Object> input, String region, boolean recorded) {
        Caller caller = caller(principalArn).orElseThrow(() -> CommonErrors.invalidParameterValue(
                "The principal " + principalArn + " is neither the account's root nor an IAM user or role of it."));
        if (enforcing && !authorization.authorize(caller, provider, operation.name(), input, region,
                Protocol.of(provider.model().protocol()), recorded).isEmpty()) {
            // The dashboard runs no batch whose items are decided one by one; refuse one whole rather than do it all.
            throw CommonErrors.ACCESS_DENIED.error("Access Denied");
        }
        return caller.principal().arn();
    }

    /** The caller {@code arn} names: the root, an IAM user, or a role acting as session {@value #SESSION_NAME}. */
    Optional<Caller> caller(String arn) {
        String account = store.accountId();
        if (arn.equals(Principal.root(account).arn())) {
            return Optional.of(new Caller(Principal.root(account), "", true, null, null, null, null, null));
        }
        String prefix = "arn:aws:iam::" + account + ":";
        if (!arn.startsWith(prefix)) {
            return Optional.empty();
        }
        String resource = arn.substring(prefix.length());
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        return store.read(state -> {
            if (resource.startsWith("user/")) {
                IamState.User user = state.users.get(IamStore.key(name));
                if (user != null && store.arn("user", user.path, user.name).equals(arn)) {
                    return Optional.of(new Caller(Principal.user(account, user.path, user.name, user.id, user.tags),
                            "", true, null, null, user.name, null, null));
                }
            } else if (resource.startsWith("role/")) {
                IamState.Role role = state.roles.get(IamStore.key(name));
                if (role != null && store.arn("role", role.path, role.name).equals(arn)) {
                    return Optional.of(new Caller(Principal.roleSession(account, role.path, role.name, role.id,
                            SESSION_NAME, role.tags), "", true, null, null, null, role.name, null));
                }
            }
            return Optional.empty();
        });
    }
}
