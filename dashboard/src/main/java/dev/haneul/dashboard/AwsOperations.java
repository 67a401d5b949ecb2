package dev.haneul.dashboard;

import static java.util.Objects.requireNonNull;

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

    AwsOperations(List<ServiceProvider> providers, HaneulConfig config, Clock clock) {
        requireNonNull(providers, "providers").forEach(p -> this.providers.put(p.name(), p));
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
        RequestContext context = new RequestContext(UUID.randomUUID().toString(), config.accountId(),
                config.defaultRegion(), CALLER, service, operation, clock.instant());
        Map<String, Object> output = provider.invoke(context, model, tree);
        return output == null ? Map.of() : output;
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
