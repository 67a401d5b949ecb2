package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.config.HaneulConfig;
import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.core.state.StateProblem;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * What the server hands every provider: the configuration, the shared event loops, the endpoint
 * address allocator, the clock, and the factory for the provider's persistent state (which keeps
 * track of unreadable state files for health and status).
 */
public final class ServiceEnvironment {

    private final HaneulConfig config;
    private final EventLoopRuntime runtime;
    private final AddressAllocator addresses;
    private final Clock clock;
    private final List<StateProblem> stateProblems = new CopyOnWriteArrayList<>();

    public ServiceEnvironment(HaneulConfig config, EventLoopRuntime runtime, AddressAllocator addresses, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.runtime = requireNonNull(runtime, "runtime");
        this.addresses = requireNonNull(addresses, "addresses");
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
