package dev.haneul.core.gateway;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bound on the request-body bytes the gateway holds at once, across every connection. Without
 * it, clients that each send a large body slowly (or hold one open) make the server buffer them
 * all: 50 connections with 15 MiB each took 2.7 GB of memory. A request reserves its body's size
 * when its head arrives ({@code Content-Length}, or the largest allowed body when the length is
 * unknown or the body is compressed) and gives it back once it has been answered. A request that
 * does not fit is answered {@code 503 ServiceUnavailable} at once and its body is dropped as it
 * arrives, never buffered; AWS clients retry a 503 after a pause.
 *
 * <p>Thread-safe.
 */
final class BodyBudget {

    private final long capacity;
    private final AtomicLong available;

    BodyBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
        }
        this.capacity = capacity;
        this.available = new AtomicLong(capacity);
    }

    long capacity() {
        return capacity;
    }

    /** Bytes reserved now. */
    long inUse() {
        return capacity - available.get();
    }

    boolean tryReserve(long bytes) {
        long left;
        do {
            left = available.get();
            if (left < bytes) {
                return false;
            }
        } while (!available.compareAndSet(left, left - bytes));
        return true;
    }

    void release(long bytes) {
        if (bytes > 0) {
            available.addAndGet(bytes);
        }
    }

    /** One connection's share: the request being received, and the one being handed on. */
    Connection connection() {
        return new Connection();
    }

    /**
     * A connection's reservations, used from its event loop only. The aggregator reserves for the
     * request it is receiving ({@link #reserve}); when the request is complete it is handed to the
     * next handler together with its reservation ({@link #handOver}, {@link #take}), which releases
     * it once answered. What nobody took, and what a closed connection held, is given back.
     */
    final class Connection {
        private long receiving;
        private long handingOver;

        boolean reserve(long bytes) {
            if (!tryReserve(bytes)) {
                return false;
            }
            receiving += bytes;
            return true;
        }

        /** The request being received is complete: its reservation goes with it to the next handler. */
        void handOver() {
            handingOver += receiving;
            receiving = 0;
        }

        /** The reservation of the request being handed over now; the caller releases it when done. */
        long take() {
            long bytes = handingOver;
            handingOver = 0;
            return bytes;
        }

        /** Gives back what was handed over but not taken (the request was answered on the way). */
        void releaseUntaken() {
            release(take());
        }

        void releaseAll() {
            release(receiving + handingOver);
            receiving = 0;
            handingOver = 0;
        }

        void release(long bytes) {
            BodyBudget.this.release(bytes);
        }

        long budgetCapacity() {
            return capacity;
        }
    }
}
