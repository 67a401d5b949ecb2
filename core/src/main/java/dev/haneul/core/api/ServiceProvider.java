package dev.haneul.core.api;

import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ProtocolOptions;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.state.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One emulated AWS service's control plane. The gateway routes a request here once it has found
 * the service (credential scope, {@code X-Amz-Target} or {@code Action}), parsed the input against
 * {@link #model()} and validated it; the provider changes its state, asks engines and data planes
 * to converge, and returns the output value tree. Errors are thrown as
 * {@link AwsServiceException}; the gateway serialises them.
 *
 * <p>{@link #invoke} runs on a virtual thread, never on a Netty event loop, so it may block.
 */
public interface ServiceProvider extends AutoCloseable {

    /** Haneul's short name of the service, for example {@code rds}; shown in health and status. */
    String name();

    /** The AWS model that drives parsing, validation and serialisation. */
    ServiceModel model();

    /**
     * The wire habits of the service its model does not record, for its protocol codec: S3's
     * virtual-hosted addressing and bare {@code <Error>} bodies, for example.
     */
    default ProtocolOptions protocolOptions() {
        return ProtocolOptions.DEFAULTS;
    }

    /** How the service words validation errors the gateway finds before {@link #invoke}. */
    default ValidationStyle validationStyle() {
        return ValidationStyle.QUERY;
    }

    /**
     * The answer to a request that carries no SigV4 authentication, or a malformed one, when its
     * path names an operation of this (rest) service: {@code failure} is the gateway's
     * ({@code MissingAuthenticationToken}, {@code IncompleteSignature}…), and the codec writes the
     * answer in this service's envelope. Default: {@code failure} itself. S3 takes a request
     * without any authentication for an anonymous caller's and answers 403 {@code AccessDenied}.
     */
    default AwsServiceException unauthenticated(AwsServiceException failure) {
        return failure;
    }

    /**
     * Whether a request carrying no authentication at all (no {@code Authorization} header, no
     * pre-signed parameters), to a path of this (rest) service, is heard as the anonymous
     * principal's rather than refused: S3 does, and lets such a caller do what its bucket policy
     * grants everyone. Default: no, as every other AWS service answers "missing authentication".
     */
    default boolean acceptsAnonymous() {
        return false;
    }

    /** Runs {@code operation} with a validated input value tree; returns the output value tree. */
    Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input);

    /**
     * Called once after construction, before the gateway routes requests: reload state and bring
     * engines and endpoints back. Slow convergence (engine start-up) should continue in the
     * background and show in {@link #health()}.
     */
    default void start() {}

    /** State and resource counts, for {@code /_haneul/health} and {@code haneul status}. */
    default ServiceHealth health() {
        return ServiceHealth.running(Map.of());
    }

    /** The endpoints users connect to, for {@code haneul status} and the dashboard. */
    default List<EndpointView> endpoints() {
        return List.of();
    }

    /**
     * A table the provider reports beside its resources, for {@code /_haneul/health} (under the
     * service's {@code report}) and {@code haneul status}: S3's requests and bytes per bucket, for
     * example. Called on request threads: read counters, never block on I/O. Empty when none.
     */
    default Optional<ServiceReport> report() {
        return Optional.empty();
    }

    /**
     * Live counters of every endpoint of the provider's data planes, for the dashboard's diagram.
     * Called about once a second from a virtual thread: read counters, never block on I/O.
     */
    default List<EndpointTraffic> traffic() {
        return List.of();
    }

    /**
     * The tags of this service's resource {@code arn} in {@code scope}, for authorization
     * conditions ({@code aws:ResourceTag/…} and service keys such as {@code rds:cluster-tag/…});
     * empty when the ARN names nothing of this service there. Called on request threads: read
     * state, never wait for engines.
     */
    default Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        return Optional.empty();
    }

    /**
     * The resource-based policy attached to this service's resource {@code arn} in
     * {@code scope} (an S3 bucket policy, a role's trust policy…), as its JSON document, for
     * authorization; empty when there is none.
     */
    default Optional<String> resourcePolicy(Scope scope, String arn) {
        return Optional.empty();
    }

    /** Stops engines and data planes gracefully; state stays on disk. */
    @Override
    default void close() {}
}
