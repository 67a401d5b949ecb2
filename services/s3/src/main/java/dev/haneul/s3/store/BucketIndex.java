package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ChecksumType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A bucket's objects in memory: every key, in S3's listing order, with its versions newest first.
 * Listing walks this sorted map from the first key it needs, so a page costs the keys it returns
 * (plus keys skipped under a common prefix), not a walk over the bucket's directory.
 *
 * <p>Changed only through {@link #apply}, at replay and live alike, with the owning bucket's lock
 * held; read without locks (each key's version list is an immutable value replaced whole).
 */
final class BucketIndex {

    /**
     * A version and where its body is: the data file {@code blob}, or {@code inline} in the log
     * (a small body); neither for a delete marker.
     */
    record Stored(ObjectVersion version, @Nullable String blob, MetadataLog.@Nullable InlineRef inline) {}

    private final ConcurrentSkipListMap<String, List<Stored>> keys = new ConcurrentSkipListMap<>(ObjectKeys.UTF8_ORDER);
    private final AtomicLong versions = new AtomicLong();

    /**
     * Applies one log entry.
     *
     * @return the data files the change left unreferenced, to delete once it is durable
     */
    List<String> apply(LogEntry entry, MetadataLog.@Nullable InlineRef inline) {
        List<Stored> current = keys.getOrDefault(entry.key(), List.of());
        List<Stored> next = new ArrayList<>(current.size() + 1);
        List<String> released = new ArrayList<>(1);
        switch (entry.op()) {
            case LogEntry.PUT -> {
                Stored added = fromEntry(entry, inline);
                next.add(added);
                for (Stored s : current) {
                    if (s.version().versionId().equals(entry.versionId())) {
                        release(s, released);
                    } else {
                        next.add(s);
                    }
                }
            }
            case LogEntry.REMOVE -> {
                for (Stored s : current) {
                    if (s.version().versionId().equals(entry.versionId())) {
                        release(s, released);
                    } else {
                        next.add(s);
                    }
                }
            }
            case LogEntry.TAGS -> {
                TagSet tags = new TagSet(requireNonNull(entry.tags(), "a tags line has its tags, empty or not"));
                for (Stored s : current) {
                    next.add(s.version().versionId().equals(entry.versionId())
                            ? new Stored(s.version().withTags(tags), s.blob(), s.inline()) : s);
                }
            }
            default -> throw new IllegalArgumentException("op: " + entry.op() + " (expected: put, remove or tags)");
        }
        versions.addAndGet(next.size() - current.size());
        if (next.isEmpty()) {
            keys.remove(entry.key());
        } else {
            keys.put(entry.key(), List.copyOf(next));
        }
        return released;
    }

    private static void release(Stored s, List<String> released) {
        if (s.blob() != null) {
            released.add(s.blob());
        }
    }

    /** The key's versions, newest first; empty when the key has none. */
    List<Stored> versions(String key) {
        return keys.getOrDefault(key, List.of());
    }

    Optional<Stored> latest(String key) {
        List<Stored> list = keys.get(key);
        return list == null ? Optional.empty() : Optional.of(list.get(0));
    }

    Optional<Stored> version(String key, String versionId) {
        for (Stored s : versions(key)) {
            if (s.version().versionId().equals(versionId)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    NavigableMap<String, List<Stored>> keys() {
        return keys;
    }

    long versionCount() {
        return versions.get();
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    Set<String> blobs() {
        Set<String> blobs = new HashSet<>();
        for (List<Stored> list : keys.values()) {
            for (Stored s : list) {
                if (s.blob() != null) {
                    blobs.add(s.blob());
                }
            }
        }
        return blobs;
    }

    /** Every version, each key's oldest first (the order that replays to the same state), for compaction. */
    List<Stored> snapshot() {
        List<Stored> all = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, versions.get()));
        for (List<Stored> list : keys.values()) {
            for (int i = list.size() - 1; i >= 0; i--) {
                all.add(list.get(i));
            }
        }
        return all;
    }

    /** After compaction: the small bodies of {@code snapshot} now lie at {@code positions}. */
    void relocate(List<Stored> snapshot, List<MetadataLog.InlineRef> positions) {
        Map<Stored, MetadataLog.InlineRef> moved = new IdentityHashMap<>();
        for (int i = 0; i < snapshot.size(); i++) {
            if (positions.get(i) != null) {
                moved.put(snapshot.get(i), positions.get(i));
            }
        }
        for (Map.Entry<String, List<Stored>> entry : keys.entrySet()) {
            List<Stored> list = entry.getValue();
            List<Stored> next = new ArrayList<>(list.size());
            boolean changed = false;
            for (Stored s : list) {
                MetadataLog.InlineRef ref = moved.get(s);
                next.add(ref == null ? s : new Stored(s.version(), s.blob(), ref));
                changed |= ref != null;
            }
            if (changed) {
                keys.put(entry.getKey(), List.copyOf(next));
            }
        }
    }

    static LogEntry toEntry(Stored stored) {
        ObjectVersion v = stored.version();
        Optional<ObjectChecksum> checksum = v.checksum();
        return new LogEntry(LogEntry.PUT, v.key(), v.versionId(), v.deleteMarker() ? Boolean.TRUE : null, v.size(),
                v.etag(), v.lastModified().toEpochMilli(), emptyToNull(v.metadata().systemHeaders()),
                v.metadata().storageClass(), emptyToNull(v.metadata().userMetadata()), emptyToNull(v.tags().tags()),
                checksum.map(c -> c.algorithm().name()).orElse(null), checksum.map(ObjectChecksum::value).orElse(null),
                checksum.map(c -> c.type().name()).orElse(null), v.partSizes().isEmpty() ? null : v.partSizes(),
                stored.blob(), null, inlineLength(stored.inline()));
    }

    static Stored fromEntry(LogEntry e, MetadataLog.@Nullable InlineRef inline) {
        String algorithm = e.checksumAlgorithm();
        Optional<ObjectChecksum> checksum = algorithm == null ? Optional.empty()
                : Optional.of(new ObjectChecksum(ChecksumAlgorithm.valueOf(algorithm),
                        requireNonNull(e.checksum(), "a put line with a checksum algorithm has its value"),
                        ChecksumType.valueOf(requireNonNull(e.checksumType(), "... and its type"))));
        String storageClass = e.storageClass();
        ObjectMetadata metadata = new ObjectMetadata(orEmpty(e.system()),
                storageClass == null ? "STANDARD" : storageClass, orEmpty(e.user()));
        Long size = e.size();
        String etag = e.etag();
        List<Long> parts = e.parts();
        ObjectVersion version = new ObjectVersion(e.key(), requireNonNull(e.versionId(), "a put line has a version id"),
                Boolean.TRUE.equals(e.deleteMarker()), size == null ? 0 : size, etag == null ? "" : etag,
                Instant.ofEpochMilli(requireNonNull(e.lastModified(), "a put line has its time")),
                metadata, new TagSet(orEmpty(e.tags())), checksum, parts == null ? List.of() : parts);
        return new Stored(version, e.blob(), inline);
    }

    private static @Nullable Integer inlineLength(MetadataLog.@Nullable InlineRef inline) {
        return inline == null ? null : inline.length();
    }

    private static @Nullable Map<String, String> emptyToNull(Map<String, String> map) {
        return map.isEmpty() ? null : map;
    }

    private static Map<String, String> orEmpty(@Nullable Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
