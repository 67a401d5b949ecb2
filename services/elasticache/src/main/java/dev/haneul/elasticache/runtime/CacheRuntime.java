package dev.haneul.elasticache.runtime;

import dev.haneul.core.proxy.TcpProxyStats;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The seam between the ElastiCache API and the engines and endpoints behind it, the same shape
 * as ELBv2's {@code apply(DataPlaneConfig)}: <b>immutable desired config in, observed status
 * out</b>.
 *
 * <ul>
 *   <li>The API validates a request, persists the new state and hands the runtime the resource's
 *       desired {@link CacheConfig}; it never starts, stops or reconfigures an engine itself.</li>
 *   <li>The runtime makes the engines and endpoints match it in the background, one change at a
 *       time per resource in the order given (bring up, add or remove replicas, AUTH tokens,
 *       automatic failover, a planned switch), and calls {@code done} with the {@link Outcome}
 *       while it still holds the resource, so the API's status update comes before the next
 *       change.</li>
 *   <li>What happens on its own (failovers, moved ports, events) comes back through the
 *       {@link CacheObserver}; what runs now is {@link #observe()}.</li>
 * </ul>
 * A fake with the same contract lets the API's rules be tested without engines.
 */
public interface CacheRuntime extends AutoCloseable {

    /**
     * How a change ended.
     *
     * @param failure why it failed; null when it succeeded
     * @param changed for {@link #testFailover}: whether a replica was promoted
     */
    record Outcome(@Nullable Exception failure, boolean changed) {
        public static final Outcome DONE = new Outcome(null, true);
        public static final Outcome UNCHANGED = new Outcome(null, false);

        public static Outcome failed(Exception failure) {
            return new Outcome(failure, false);
        }

        public boolean ok() {
            return failure == null;
        }

        /** The failure's first line, for events and health; empty when it succeeded. */
        public String reason() {
            Exception e = failure;
            if (e == null) {
                return "";
            }
            String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            return message.isEmpty() ? e.getClass().getSimpleName() : message;
        }
    }

    /**
     * What runs now for one resource.
     *
     * @param endpoints live counters by endpoint name ({@code primary}, {@code reader}, node id)
     * @param backends each running node's engine address, to its node id
     */
    record Observed(CacheKey key, Map<String, TcpProxyStats> endpoints, Map<InetSocketAddress, String> backends) {
        public Observed {
            endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
            backends = Collections.unmodifiableMap(new LinkedHashMap<>(backends));
        }
    }

    /** Reserves the engine directories of {@code nodeIds} (at start, before anything runs). */
    void claim(CacheKey key, List<String> nodeIds);

    /** Makes the resource's engines and endpoints match {@code desired}; then {@code done}. */
    void apply(CacheConfig desired, Consumer<Outcome> done);

    /** A planned switch to the most advanced replica ({@code TestFailover}); then {@code done}. */
    void testFailover(CacheKey key, Consumer<Outcome> done);

    /**
     * Stops and deletes every engine, directory and endpoint of the resource ({@code nodeIds}
     * are its nodes, running or not); then {@code done}.
     */
    void remove(CacheKey key, List<String> nodeIds, Consumer<Outcome> done);

    /** Every resource with engines or endpoints. */
    List<Observed> observe();

    /** Stops every endpoint and engine (each primary saving a snapshot first); the data stays. */
    @Override
    void close();
}
