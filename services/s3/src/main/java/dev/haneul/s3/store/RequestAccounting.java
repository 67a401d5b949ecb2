package dev.haneul.s3.store;

import dev.haneul.core.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Request accounting per bucket, in the classes S3 bills by: PUT, COPY, POST and LIST requests;
 * GET (and SELECT); everything else; plus bytes received and sent. The provider classifies each
 * request and calls {@link #record}; counting is a few uncontended adds.
 *
 * <p>Persistence: counters are saved to {@code accounting.json} (atomically) at most every
 * {@link #SAVE_INTERVAL} as requests arrive, and at close; a crash loses at most the last interval's
 * counts, an accepted imprecision for statistics that never decide anything. Counters of a deleted
 * bucket are dropped with it.
 */
public final class RequestAccounting {

    private static final Logger log = LoggerFactory.getLogger(RequestAccounting.class);

    /** How often counters are saved while requests come in. */
    public static final Duration SAVE_INTERVAL = Duration.ofSeconds(5);

    /** S3's request classes for billing. */
    public enum RequestClass { PUT_COPY_POST_LIST, GET, OTHER }

    /** The counters of one bucket at one moment. */
    public record Usage(long putCopyPostList, long get, long other, long bytesIn, long bytesOut) {}

    private static final class Counters {
        final LongAdder putCopyPostList = new LongAdder();
        final LongAdder get = new LongAdder();
        final LongAdder other = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
        final LongAdder bytesOut = new LongAdder();

        Usage usage() {
            return new Usage(putCopyPostList.sum(), get.sum(), other.sum(), bytesIn.sum(), bytesOut.sum());
        }
    }

    private final Path file;
    private final Clock clock;
    private final Map<String, Counters> buckets = new ConcurrentHashMap<>();
    private volatile Instant lastSave;
    private final AtomicBoolean saving = new AtomicBoolean();

    RequestAccounting(Path file, Clock clock) throws IOException {
        this.file = file;
        this.clock = clock;
        this.lastSave = clock.instant();
        if (Files.exists(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Number>> saved = MetadataLog.JSON.readValue(file.toFile(), Map.class);
            saved.forEach((bucket, values) -> {
                Counters c = counters(bucket);
                c.putCopyPostList.add(values.getOrDefault("putCopyPostList", 0).longValue());
                c.get.add(values.getOrDefault("get", 0).longValue());
                c.other.add(values.getOrDefault("other", 0).longValue());
                c.bytesIn.add(values.getOrDefault("bytesIn", 0).longValue());
                c.bytesOut.add(values.getOrDefault("bytesOut", 0).longValue());
            });
        }
    }

    /** Counts one request to {@code bucket}. */
    public void record(String bucket, RequestClass requestClass, long bytesIn, long bytesOut) {
        Counters c = counters(bucket);
        switch (requestClass) {
            case PUT_COPY_POST_LIST -> c.putCopyPostList.increment();
            case GET -> c.get.increment();
            case OTHER -> c.other.increment();
        }
        c.bytesIn.add(bytesIn);
        c.bytesOut.add(bytesOut);
        if (Duration.between(lastSave, clock.instant()).compareTo(SAVE_INTERVAL) >= 0 && saving.compareAndSet(false, true)) {
            Thread.ofVirtual().name("s3-accounting-save").start(() -> {
                try {
                    save();
                } finally {
                    saving.set(false);
                }
            });
        }
    }

    /** The counters of {@code bucket} (zeros for one never counted). */
    public Usage usage(String bucket) {
        Counters c = buckets.get(bucket);
        return c == null ? new Usage(0, 0, 0, 0, 0) : c.usage();
    }

    /** Every bucket's counters, by name. */
    public Map<String, Usage> usage() {
        Map<String, Usage> all = new TreeMap<>();
        buckets.forEach((name, c) -> all.put(name, c.usage()));
        return all;
    }

    void forget(String bucket) {
        buckets.remove(bucket);
    }

    /** Writes the counters now. */
    public synchronized void save() {
        lastSave = clock.instant();
        Map<String, Map<String, Long>> json = new TreeMap<>();
        buckets.forEach((name, c) -> {
            Usage u = c.usage();
            Map<String, Long> values = new LinkedHashMap<>();
            values.put("putCopyPostList", u.putCopyPostList());
            values.put("get", u.get());
            values.put("other", u.other());
            values.put("bytesIn", u.bytesIn());
            values.put("bytesOut", u.bytesOut());
            json.put(name, values);
        });
        try {
            AtomicFiles.write(file, MetadataLog.JSON.writeValueAsBytes(json));
        } catch (IOException e) {
            log.warn("s3 - could not save request counters to {}: {}", file, e.toString());
        }
    }

    private Counters counters(String bucket) {
        return buckets.computeIfAbsent(bucket, b -> new Counters());
    }
}
