package dev.haneul.lab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The S3 calls the migration lab made, by operation, and the payload bytes it sent and received:
 * the client's side of the request accounting, beside the server's count by billing class.
 */
final class S3Calls {

    private final Map<String, Long> byOperation = new LinkedHashMap<>();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();

    synchronized void count(String operation) {
        byOperation.merge(operation, 1L, Long::sum);
    }

    void bytesUp(long n) {
        bytesUp.addAndGet(n);
    }

    void bytesDown(long n) {
        bytesDown.addAndGet(n);
    }

    synchronized Map<String, Long> byOperation() {
        return new LinkedHashMap<>(byOperation);
    }

    long bytesUp() {
        return bytesUp.get();
    }

    long bytesDown() {
        return bytesDown.get();
    }
}
