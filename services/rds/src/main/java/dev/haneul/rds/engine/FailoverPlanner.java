package dev.haneul.rds.engine;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the replica a failover promotes, as Aurora documents it: the lowest promotion tier
 * wins (0 is the highest priority); among equals the replica that has applied the most wins (in
 * Aurora the larger instance class comes next, but every Haneul instance is the same size); then
 * the oldest instance, so the choice is reproducible.
 *
 * <p>A caller that names a target skips the choice. Either way, the chosen replica may lag one
 * that received more of the old writer's binary log; {@link #mostAdvanced} names that one so the
 * target can catch up from it before it takes writes (no acknowledged commit is lost).
 */
public final class FailoverPlanner {

    /**
     * A replica that could be promoted.
     *
     * @param sequence creation order, the last tie-breaker
     * @param applied what it has applied (its GTID position once its relay log is drained)
     */
    public record Candidate(String id, int promotionTier, long sequence, GtidPosition applied) {}

    private FailoverPlanner() {}

    /** The replica to promote, or empty when there is none. */
    public static Optional<Candidate> choose(List<Candidate> candidates) {
        return candidates.stream().min(Comparator.comparingInt(Candidate::promotionTier)
                .thenComparing(Comparator.comparingLong((Candidate c) -> c.applied().progress()).reversed())
                .thenComparingLong(Candidate::sequence));
    }

    /** The replica that has applied the most (the oldest among equals), or empty when there is none. */
    public static Optional<Candidate> mostAdvanced(List<Candidate> candidates) {
        return candidates.stream().min(Comparator.comparing((Candidate c) -> c.applied().progress(),
                Comparator.reverseOrder()).thenComparingLong(Candidate::sequence));
    }
}
