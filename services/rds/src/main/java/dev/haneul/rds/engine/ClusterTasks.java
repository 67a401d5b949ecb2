package dev.haneul.rds.engine;

import dev.haneul.rds.model.DbInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's lock and the threads that do its work.
 *
 * <p>This is where {@link ClusterRuntime}'s concurrency contract lives: <b>one lock per
 * cluster</b> serialises everything that changes roles or routing. Every part of the runtime
 * ({@link InstanceLifecycle}, {@link Failover}, {@link Recovery}, {@link ReplicaMonitor} and the
 * coordinator itself) runs its work as a {@link #task} on a virtual thread, and takes this lock
 * ({@link #lockedTask}, or {@link #lock()} around the part that must be serialised) before it
 * changes a role or the rotation. A task that waits for something (a replica waiting for its
 * writer, a seed retry's pause) waits on the lock's condition ({@link #awaitChange},
 * {@link #pause}), which every publish of the rotation signals ({@link Rotation#publish}), so
 * others may go on meanwhile. Lock order: this lock, then the store's.
 */
final class ClusterTasks {

    private static final Logger log = LoggerFactory.getLogger(ClusterTasks.class);

    /** Work that may throw anything; it is logged with the cluster's name. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface InstanceWork {
        void run(DbInstance instance) throws Exception;
    }

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Thread> tasks = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ClusterTasks(String name) {
        this.name = name;
    }

    /** Whether the runtime is closed (or the cluster deleted): no new task starts. */
    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }

    void lock() {
        lock.lock();
    }

    void unlock() {
        lock.unlock();
    }

    /** Wakes the tasks waiting on the lock's condition, when the caller holds the lock. */
    void signalChange() {
        if (lock.isHeldByCurrentThread()) {
            changed.signalAll();
        }
    }

    /**
     * Waits, the lock held, for a change of routing or at most {@code millis}; may return early,
     * so every caller waits in its own loop that checks what it waits for.
     */
    @SuppressWarnings("WaitNotInLoop") // the loop is the caller's
    void awaitChange(long millis) throws InterruptedException {
        changed.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits {@code duration}; with the lock held, on its condition (so others may go on meanwhile). */
    void pause(Duration duration) throws InterruptedException {
        if (!lock.isHeldByCurrentThread()) {
            Thread.sleep(duration);
            return;
        }
        long remaining = duration.toNanos();
        while (remaining > 0) {
            remaining = changed.awaitNanos(remaining);
        }
    }

    void task(String what, Work work) {
        task(what, work, false);
    }

    /** A task that runs under the cluster's lock. */
    void lockedTask(String what, Work work) {
        task(what, () -> {
            lock.lock();
            try {
                work.run();
            } finally {
                lock.unlock();
            }
        });
    }

    void task(String what, Work work, boolean evenIfClosed) {
        if (closed && !evenIfClosed) {
            return;
        }
        Thread thread = Thread.ofVirtual().name(name + "-" + what).unstarted(() -> {
            try {
                work.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.info("{} - {} interrupted", name, what);
            } catch (Exception e) {
                log.error("{} - {} failed", name, what, e);
            } finally {
                tasks.remove(Thread.currentThread());
            }
        });
        tasks.add(thread);
        thread.start();
    }

    /** Runs {@code work} for every instance at once, and waits for all; the first failure is rethrown. */
    void parallel(List<DbInstance> instances, InstanceWork work) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new CopyOnWriteArrayList<>();
        for (DbInstance instance : instances) {
            threads.add(Thread.ofVirtual().name(name + "-" + instance.identifier()).start(() -> {
                try {
                    work.run(instance);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(e);
                } catch (Exception e) {
                    log.error("{} - {}: {}", name, instance.identifier(), e.toString());
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failures.stream().anyMatch(InterruptedException.class::isInstance)) {
            throw new InterruptedException(name + " - interrupted");
        }
    }

    /** Interrupts every task and waits for each a while. */
    void interruptAll() {
        for (Thread task : tasks) {
            task.interrupt();
        }
        for (Thread task : tasks) {
            try {
                task.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
