package dev.haneul.rds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.rds.engine.FailoverPlanner.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverPlannerTest {

    @Test
    void theLowestPromotionTierWinsEvenWhenItLags() {
        Candidate ahead = candidate("a", 2, 1, "0-1-100");
        Candidate tierZero = candidate("b", 0, 2, "0-1-90");
        assertThat(FailoverPlanner.choose(List.of(ahead, tierZero))).contains(tierZero);
        assertThat(FailoverPlanner.mostAdvanced(List.of(ahead, tierZero))).contains(ahead);
    }

    @Test
    void amongEqualTiersTheMostCaughtUpWinsThenTheOldest() {
        Candidate old = candidate("old", 1, 1, "0-1-50");
        Candidate ahead = candidate("ahead", 1, 2, "0-1-60");
        Candidate twin = candidate("twin", 1, 3, "0-1-60");
        assertThat(FailoverPlanner.choose(List.of(old, twin, ahead))).contains(ahead);
        assertThat(FailoverPlanner.choose(List.of(old, candidate("older", 1, 0, "0-1-50")))).map(Candidate::id)
                .contains("older");
    }

    @Test
    void noCandidateNoChoice() {
        assertThat(FailoverPlanner.choose(List.of())).isEmpty();
        assertThat(FailoverPlanner.mostAdvanced(List.of())).isEmpty();
    }

    private static Candidate candidate(String id, int tier, long sequence, String applied) {
        return new Candidate(id, tier, sequence, GtidPosition.parse(applied));
    }
}
