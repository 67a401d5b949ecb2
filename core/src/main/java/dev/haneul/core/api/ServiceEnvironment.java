package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.process.ProcessSupervisor;
import dev.haneul.core.resource.ResourceRegistry;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.core.state.StateProblem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What the server hands every provider: the configuration, the shared event loops, the endpoint
 * address allocator, the engine binaries and process supervisor, the clock, and the factory for
 * the provider's persistent state (which keeps track of unreadable state files for health and
 * status).
 *
 * <p>Engine directories are handed out by {@link #engineDir}, which also records them as claimed:
 * once every provider has started, the server stops any engine left running in a directory no
 * resource claimed (a resource deleted while Haneul was down, or a crashed half-created one).
 */
public final class ServiceEnvironment {

    private final HaneulConfig config;
    private final EventLoopRuntime runtime;
    private final AddressAllocator addresses;
    private final EngineResolver engines;
    private final ProcessSupervisor supervisor;
    private final Clock clock;
    private final ResourceRegistry registry = new ResourceRegistry();
    private final List<StateProblem> stateProblems = new CopyOnWriteArrayList<>();
    private final Set<Path> claimedEngineDirs = ConcurrentHashMap.newKeySet();

    public ServiceEnvironment(HaneulConfig config, EventLoopRuntime runtime, AddressAllocator addresses,
                              EngineResolver engines, ProcessSupervisor supervisor, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.runtime = requireNonNull(runtime, "runtime");
        this.addresses = requireNonNull(addresses, "addresses");
        this.engines = requireNonNull(engines, "engines");
        this.supervisor = requireNonNull(supervisor, "supervisor");
        this.clock = requireNonNull(clock, "clock");
    }

    public HaneulConfig config() {
        return config;
    }

    public EventLoopRuntime runtime() {
        return runtime;
    }

    public AddressAllocator addresses() {
        return addresses;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * The seam between services: where each publishes its resources' views by ARN and finds
     * other services' (one registry per server).
     */
    public ResourceRegistry registry() {
        return registry;
    }

    /** MariaDB and Redis binaries (configured, on PATH, or unpacked from the bundled artifacts). */
    public EngineResolver engines() {
        return engines;
    }

    /** Starts, adopts, watches and stops every engine process of this server. */
    public ProcessSupervisor supervisor() {
        return supervisor;
    }

    /**
     * The directory of one engine of a resource, {@code <data dir>/engines/<service>/<account>-<region>/<name>}
     * (for example {@code engines/rds/000000000000-us-east-1/db-1}), claimed for this run: call it
     * for every engine a provider keeps, during {@link ServiceProvider#start()} at the latest.
     */
    public Path engineDir(String service, Scope scope, String name) {
        Path dir = config.enginesDir().resolve(service).resolve(scope.accountId() + "-" + scope.region()).resolve(name);
        claimedEngineDirs.add(dir.toAbsolutePath().normalize());
        return dir;
    }

    /** Whether {@link #engineDir} handed out {@code dir} in this run. */
    public boolean isClaimed(Path dir) {
        return claimedEngineDirs.contains(dir.toAbsolutePath().normalize());
    }

    /** Opens {@code service}'s state under the data dir, recording any file it could not read. */
    public <S> ScopedStore<S> openStore(String service, Class<S> type, Supplier<S> empty) {
        ScopedStore<S> store = ScopedStore.open(config.stateDir(), service, type, empty);
        stateProblems.addAll(store.problems());
        return store;
    }

    /** State files that could not be read at start-up, across all services. */
    public List<StateProblem> stateProblems() {
        return List.copyOf(stateProblems);
    }
}
