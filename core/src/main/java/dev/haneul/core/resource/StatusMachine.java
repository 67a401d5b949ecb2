package dev.haneul.core.resource;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The statuses a kind of resource moves through and the moves allowed between them, written
 * once where a reader can see the whole lifecycle:
 *
 * <pre>{@code
 * StatusMachine<ClusterStatus> CLUSTER = StatusMachine.builder(ClusterStatus.class, ClusterStatus::wire)
 *         .allow(CREATING, AVAILABLE, FAILED)
 *         .allow(AVAILABLE, MODIFYING, FAILING_OVER, STOPPING, DELETING)
 *         …
 *         .build();
 * }</pre>
 *
 * Two kinds of check, for two kinds of mistake: {@link #move} refuses a transition the lifecycle
 * does not have (a bug in Haneul: {@link IllegalStateException}); {@link #require} refuses an
 * operation on a resource in the wrong status (the caller's mistake: the service's AWS error,
 * such as {@code InvalidDBClusterStateFault}).
 *
 * @param <S> an enum of the statuses
 */
public final class StatusMachine<S extends Enum<S>> {

    private final Class<S> type;
    private final Function<S, String> wire;
    private final Map<S, Set<S>> allowed;

    private StatusMachine(Class<S> type, Function<S, String> wire, Map<S, Set<S>> allowed) {
        this.type = type;
        this.wire = wire;
        this.allowed = allowed;
    }

    /**
     * @param wire the status as the API spells it ({@code available}, {@code failing-over},
     *     {@code ACTIVE}…), which is also how state files store it
     */
    public static <S extends Enum<S>> Builder<S> builder(Class<S> type, Function<S, String> wire) {
        return new Builder<>(type, wire);
    }

    /** The API's spelling of {@code status}. */
    public String wire(S status) {
        return wire.apply(status);
    }

    /** The status the API spells {@code text}; empty when there is none. */
    public Optional<S> parse(String text) {
        for (S status : type.getEnumConstants()) {
            if (wire.apply(status).equals(text)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Whether the lifecycle goes from {@code from} to {@code to} (staying put is always allowed). */
    public boolean canMove(S from, S to) {
        return from == to || allowed.getOrDefault(from, Set.of()).contains(to);
    }

    /**
     * Returns {@code to} after checking the lifecycle allows it.
     *
     * @throws IllegalStateException when it does not: a bug, not a request error
     */
    public S move(S from, S to) {
        if (!canMove(from, to)) {
            throw new IllegalStateException(type.getSimpleName() + ": no transition from " + wire(from) + " to "
                    + wire(to) + " (allowed: " + allowed.getOrDefault(from, Set.of()) + ")");
        }
        return to;
    }

    /**
     * Checks that an operation may run on a resource in {@code current}.
     *
     * @throws AwsServiceException {@code error}'s, when {@code current} is not one of {@code accepted}
     */
    public S require(S current, Set<S> accepted, Supplier<AwsServiceException> error) {
        if (!accepted.contains(current)) {
            throw error.get();
        }
        return current;
    }

    /** The statuses reachable in one move from {@code from}. */
    public Set<S> next(S from) {
        return allowed.getOrDefault(from, Set.of());
    }

    /** Collects the allowed moves. */
    public static final class Builder<S extends Enum<S>> {
        private final Class<S> type;
        private final Function<S, String> wire;
        private final Map<S, Set<S>> allowed;

        private Builder(Class<S> type, Function<S, String> wire) {
            this.type = requireNonNull(type, "type");
            this.wire = requireNonNull(wire, "wire");
            this.allowed = new EnumMap<>(type);
        }

        /** Allows moving from {@code from} to each of {@code to}. */
        @SafeVarargs
        public final Builder<S> allow(S from, S... to) {
            Set<S> targets = allowed.computeIfAbsent(requireNonNull(from, "from"), f -> EnumSet.noneOf(type));
            for (S target : to) {
                targets.add(requireNonNull(target, "to"));
            }
            return this;
        }

        /** Allows moving from every status in {@code from} to {@code to}. */
        public Builder<S> allowFromAll(Set<S> from, S to) {
            from.forEach(f -> allow(f, to));
            return this;
        }

        public StatusMachine<S> build() {
            Map<S, Set<S>> frozen = new EnumMap<>(type);
            allowed.forEach((from, to) -> frozen.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to))));
            return new StatusMachine<>(type, wire, Collections.unmodifiableMap(frozen));
        }
    }
}
