package dev.haneul.rds.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cluster's lock and tasks: serialised locked tasks, pauses that let others in, closing. */
class ClusterTasksTest {

    private final ClusterTasks tasks = new ClusterTasks("rds/test");

    @Test
    void lockedTasksNeverOverlap() throws Exception {
        int count = 20;
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        for (int i = 0; i < count; i++) {
            tasks.lockedTask("t" + i, () -> {
                if (inside.incrementAndGet() != 1) {
                    overlapped.set(true);
                }
                Thread.yield();
                inside.decrementAndGet();
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(overlapped).isFalse();
    }

    @Test
    void aPauseUnderTheLockLetsOtherTasksIn() throws Exception {
        CountDownLatch pausing = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        AtomicBoolean otherRanDuringPause = new AtomicBoolean();
        CountDownLatch pauseOver = new CountDownLatch(1);
        tasks.lockedTask("pauser", () -> {
            pausing.countDown();
            tasks.pause(Duration.ofSeconds(2));
            otherRanDuringPause.set(otherRan.getCount() == 0);
            pauseOver.countDown();
        });
        assertThat(pausing.await(10, TimeUnit.SECONDS)).isTrue();
        tasks.lockedTask("other", otherRan::countDown);
        assertThat(pauseOver.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(otherRanDuringPause).as("the other task ran while the first paused").isTrue();
    }

    @Test
    void aClosedRuntimeStartsOnlyTheTasksMeantToOutliveIt() throws Exception {
        tasks.markClosed();
        AtomicBoolean ordinary = new AtomicBoolean();
        CountDownLatch deletion = new CountDownLatch(1);
        tasks.task("ordinary", () -> ordinary.set(true));
        tasks.task("delete", deletion::countDown, true);
        assertThat(deletion.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(tasks.closed()).isTrue();
        assertThat(ordinary).isFalse();
    }

    @Test
    void interruptAllEndsAWaitingTask() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        tasks.task("waiter", () -> {
            try {
                waiting.countDown();
                new CountDownLatch(1).await();
            } finally {
                ended.countDown();
            }
        });
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        tasks.interruptAll();
        assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void firstLineOfAnErrorIsItsMessagesFirstLine() {
        assertThat(ClusterTasks.firstLine(new IllegalStateException("one\ntwo"))).isEqualTo("one");
        assertThat(ClusterTasks.firstLine(new IllegalStateException())).isEqualTo("java.lang.IllegalStateException");
    }
}
