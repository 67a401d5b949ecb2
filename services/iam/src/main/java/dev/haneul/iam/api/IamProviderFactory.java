package dev.haneul.iam.api;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;
import dev.haneul.core.config.AuthMode;
import dev.haneul.core.resource.ApiDelegate;
import dev.haneul.iam.auth.Credentials;
import dev.haneul.iam.auth.IamAuthorization;
import dev.haneul.iam.auth.PolicyResolver;
import dev.haneul.iam.policy.ActionTable;
import dev.haneul.iam.policy.DecisionLog;
import dev.haneul.iam.policy.Evaluator;
import dev.haneul.iam.policy.ResourcePolicyProvider;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import dev.haneul.iam.sts.StsOperations;
import java.util.Map;

/**
 * Registers IAM with the server (see {@code META-INF/services}) and wires its parts: the store,
 * the credentials directory, the policy resolver and evaluator (with the decision log), the
 * gateway step of {@code HANEUL_AUTH=iam}, and the STS operations it answers for the STS module.
 */
public final class IamProviderFactory implements ServiceProviderFactory {

    /** Decisions kept for {@code haneul iam explain}. */
    static final int DECISION_LOG_CAPACITY = 10_000;

    @Override
    public int order() {
        return 5;
    }

    @Override
    public ServiceProvider create(ServiceEnvironment environment) {
        IamStore store = new IamStore(environment.openStore("iam", IamState.class, IamState::new),
                environment.config().accountId(), environment.clock());
        boolean enforcing = environment.config().auth() == AuthMode.IAM;
        Map<String, String> rootKeys = environment.config().credentials();
        Credentials credentials = new Credentials(store, rootKeys);
        PolicyResolver policies = new PolicyResolver(store);
        DecisionLog log = DecisionLog.withCapacity(DECISION_LOG_CAPACITY);
        Evaluator evaluator = new Evaluator(ResourcePolicyProvider.none(), log, environment.clock());
        IamAuthorization authorization = new IamAuthorization(enforcing, store, credentials, policies, evaluator,
                ActionTable.load(), environment.clock());
        environment.registry().publish(ApiDelegate.arnFor("sts"), ApiDelegate.class,
                new StsOperations(store, credentials, enforcing));
        // Simulations are not enforcement: they stay out of the decision log.
        Evaluator simulator = new Evaluator(ResourcePolicyProvider.none(), DecisionLog.disabled(), environment.clock());
        return new IamProvider(store, credentials, authorization, log,
                new SimulatorOperations.Engine(policies, simulator));
    }
}
