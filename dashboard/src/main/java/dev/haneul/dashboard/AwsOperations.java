package dev.haneul.dashboard;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ActingPrincipals;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.EndpointTraffic;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceReport;
import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.protocol.InputValidator;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ProtocolException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's way into the AWS API: an operation of a provider, called in-process with the
 * same value trees, validation and errors as a request through the gateway, as the caller
 * {@code dashboard} in the server's default account and region. No shortcut: what the dashboard
 * shows comes from {@code Describe*} operations and what it does is an AWS operation, so it can
 * never show or do what the API cannot.
 *
 * <p>Operations block (a provider may wait for its state): call from virtual threads.
 */
final class AwsOperations {

    /** The access key the dashboard's calls carry, so a provider's logs tell them apart. */
    static final String CALLER = "dashboard";

    private final Map<String, ServiceProvider> providers = new LinkedHashMap<>();
    private final HaneulConfig config;
    private final Clock clock;
    /** Who the dashboard may act as, and the check of its calls as them (IAM), when a provider offers it. */
    private final Optional<ActingPrincipals> acting;

    AwsOperations(List<ServiceProvider> providers, HaneulConfig config, Clock clock) {
        requireNonNull(providers, "providers").forEach(p -> this.providers.put(p.name(), p));
        this.acting = providers.stream().filter(ActingPrincipals.class::isInstance).map(ActingPrincipals.class::cast)
                .findFirst();
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Whether the server runs {@code service} (such as {@code elbv2}). */
    boolean has(String service) {
        return providers.containsKey(service);
    }

    String region() {
        return config.defaultRegion();
    }

    String accountId() {
        return config.accountId();
    }

    /**
     * Runs {@code operation} of {@code service} with {@code input}.
     *
     * @throws AwsServiceException as the API would answer it
     */
    Map<String, Object> call(String service, String operation, Map<String, Object> input) {
        return call(service, operation, input, null).output();
    }

    /**
     * A read for the pages ({@code Describe*}, {@code List*}) as {@code principal} (the account's
     * root when {@code null}), authorized as the same call through the API would be when IAM
     * enforces, but not recorded in the decision log (the pages read every second).
     *
     * @throws AwsServiceException as the API would answer it, {@code AccessDenied} included
     */
    Map<String, Object> read(String service, String operation, Map<String, Object> input, @Nullable String principal) {
        return run(service, operation, input, principal, false).output();
    }

    /** What an action did, and as whom. */
    record Acted(String caller, Map<String, Object> output) {}

    /**
     * Runs {@code operation} as {@code principal} (an ARN of {@link #principals()}; the account's
     * root when {@code null}), authorized as the same call through the API would be when IAM
     * enforces ({@code HANEUL_AUTH=iam}).
     *
     * @throws AwsServiceException as the API would answer it, {@code AccessDenied} included
     */
    Acted call(String service, String operation, Map<String, Object> input, @Nullable String principal) {
        return run(service, operation, input, principal, true);
    }

    private Acted run(String service, String operation, Map<String, Object> input, @Nullable String principal,
                      boolean recorded) {
        ServiceProvider provider = Optional.ofNullable(providers.get(service))
                .orElseThrow(() -> CommonErrors.invalidAction(operation));
        OperationModel model = provider.model().operation(operation)
                .orElseThrow(() -> CommonErrors.invalidAction(operation));
        Map<String, Object> tree = new LinkedHashMap<>(input);
        try {
            model.input().ifPresent(shape -> InputValidator.validate(shape, tree));
        } catch (ProtocolException e) {
            throw provider.validationStyle().toError(e);
        }
        String caller = CALLER;
        if (acting.isPresent()) {
            String who = principal == null || principal.isEmpty() ? rootArn() : principal;
            if (recorded) {
                caller = acting.get().authorize(who, provider, model, tree, config.defaultRegion());
            } else {
                acting.get().authorizeRead(who, provider, model, tree, config.defaultRegion());
                caller = who;
            }
        }
        RequestContext context = new RequestContext(UUID.randomUUID().toString(), config.accountId(),
                config.defaultRegion(), CALLER, service, operation, clock.instant());
        Map<String, Object> output = provider.invoke(context, model, tree);
        return new Acted(caller, output == null ? Map.of() : output);
    }

    private String rootArn() {
        return "arn:aws:iam::" + config.accountId() + ":root";
    }

    /** Whether the dashboard's actions are authorized as the chosen principal ({@code HANEUL_AUTH=iam}). */
    boolean enforcing() {
        return acting.map(ActingPrincipals::enforcing).orElse(false);
    }

    /** Who the dashboard may act as: the root, IAM users, roles; empty without IAM. */
    List<ActingPrincipals.ActingPrincipal> principals() {
        return acting.map(ActingPrincipals::principals).orElse(List.of());
    }

    /** The report of {@code service}'s provider (its counters), empty without one. */
    Optional<ServiceReport> report(String service) {
        ServiceProvider provider = providers.get(service);
        return provider == null ? Optional.empty() : provider.report();
    }

    /** Every provider's traffic counters. */
    List<EndpointTraffic> traffic() {
        return providers.values().stream().flatMap(p -> p.traffic().stream()).toList();
    }
}
