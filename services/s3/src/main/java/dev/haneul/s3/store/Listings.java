package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.store.BucketIndex.Stored;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The listing algorithms over a {@link BucketIndex}.
 *
 * <p>Every listing continues strictly after a position (start-after, marker, token or key-marker)
 * and applies one rule to common prefixes, S3's: a common prefix not after the position is dropped
 * along with every key under it. That rule is also what makes a page that ended on a common prefix
 * resume correctly, since resuming after {@code photos/} drops {@code photos/} and jumps past its
 * keys ({@link ObjectKeys#successor}) in one seek, however many there are.
 */
final class Listings {

    private Listings() {}

    static ListObjectsResult objects(BucketIndex index, ListObjectsRequest request, boolean v2) {
        String prefix = request.prefix();
        Optional<String> after = v2 && request.continuationToken().isPresent()
                ? Optional.of(ContinuationTokens.decode(request.continuationToken().get()))
                : request.startAfter().filter(s -> !s.isEmpty());
        List<ObjectVersion> contents = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        Iterator<Map.Entry<String, List<Stored>>> keys = start(index.keys(), prefix, after);
        while (keys.hasNext()) {
            Map.Entry<String, List<Stored>> entry = keys.next();
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                break;
            }
            ObjectVersion latest = entry.getValue().get(0).version();
            if (latest.deleteMarker()) {
                continue;
            }
            Optional<String> common = commonPrefix(key, prefix, request.delimiter());
            if (common.isPresent() && after.isPresent() && ObjectKeys.UTF8_ORDER.compare(common.get(), after.get()) <= 0) {
                keys = skip(index.keys(), common.get());
                continue;
            }
            if (contents.size() + prefixes.size() == request.maxKeys()) {
                truncated = request.maxKeys() > 0;
                break;
            }
            if (common.isPresent()) {
                prefixes.add(common.get());
                last = common.get();
                keys = skip(index.keys(), common.get());
            } else {
                contents.add(latest);
                last = key;
            }
        }
        // Truncated means a full page (maxKeys > 0 of them) was listed, so there is a last one.
        Optional<String> token = truncated
                ? Optional.of(ContinuationTokens.encode(requireNonNull(last, "a truncated page has a last entry")))
                : Optional.empty();
        Optional<String> nextMarker = truncated && request.delimiter().isPresent() ? Optional.ofNullable(last) : Optional.empty();
        return new ListObjectsResult(List.copyOf(contents), List.copyOf(prefixes), truncated, token, nextMarker);
    }

    static ListVersionsResult versions(BucketIndex index, ListVersionsRequest request) {
        String prefix = request.prefix();
        List<ListVersionsResult.Entry> versions = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastKey = null;
        String lastVersion = null;
        boolean truncated = false;
        Optional<String> after = request.keyMarker();
        Iterator<Map.Entry<String, List<Stored>>> keys;
        String resumeKey = null;
        int resumeAt = 0;
        if (after.isPresent() && request.versionIdMarker().isPresent()) {
            // Resume inside the marker key's versions, after the marker version.
            List<Stored> list = index.versions(after.get());
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).version().versionId().equals(request.versionIdMarker().get())) {
                    resumeKey = after.get();
                    resumeAt = i + 1;
                }
            }
        }
        keys = resumeKey != null ? index.keys().tailMap(resumeKey, true).entrySet().iterator()
                : start(index.keys(), prefix, after);
        outer:
        while (keys.hasNext()) {
            Map.Entry<String, List<Stored>> entry = keys.next();
            String key = entry.getKey();
            if (!key.startsWith(prefix)) {
                break;
            }
            Optional<String> common = commonPrefix(key, prefix, request.delimiter());
            if (common.isPresent()) {
                if (after.isPresent() && ObjectKeys.UTF8_ORDER.compare(common.get(), after.get()) <= 0) {
                    keys = skip(index.keys(), common.get());
                    continue;
                }
                if (versions.size() + prefixes.size() == request.maxKeys()) {
                    truncated = request.maxKeys() > 0;
                    break;
                }
                prefixes.add(common.get());
                lastKey = common.get();
                lastVersion = null;
                keys = skip(index.keys(), common.get());
                continue;
            }
            List<Stored> list = entry.getValue();
            int from = key.equals(resumeKey) ? resumeAt : 0;
            for (int i = from; i < list.size(); i++) {
                if (versions.size() + prefixes.size() == request.maxKeys()) {
                    truncated = request.maxKeys() > 0;
                    break outer;
                }
                versions.add(new ListVersionsResult.Entry(list.get(i).version(), i == 0));
                lastKey = key;
                lastVersion = list.get(i).version().versionId();
            }
        }
        return new ListVersionsResult(List.copyOf(versions), List.copyOf(prefixes), truncated,
                truncated ? Optional.of(requireNonNull(lastKey, "a truncated page has a last entry")) : Optional.empty(),
                truncated ? Optional.ofNullable(lastVersion) : Optional.empty());
    }

    /** The keys from the first one that can be listed: at the prefix, or strictly after {@code after}. */
    private static Iterator<Map.Entry<String, List<Stored>>> start(NavigableMap<String, List<Stored>> keys,
            String prefix, Optional<String> after) {
        if (after.isPresent() && ObjectKeys.UTF8_ORDER.compare(after.get(), prefix) >= 0) {
            return keys.tailMap(after.get(), false).entrySet().iterator();
        }
        return keys.tailMap(prefix, true).entrySet().iterator();
    }

    /** The keys after every key that starts with {@code common}. */
    private static Iterator<Map.Entry<String, List<Stored>>> skip(NavigableMap<String, List<Stored>> keys, String common) {
        String next = ObjectKeys.successor(common);
        return next == null ? Collections.emptyIterator() : keys.tailMap(next, true).entrySet().iterator();
    }

    /** The key's common prefix: up to and including the first delimiter after the prefix. */
    static Optional<String> commonPrefix(String key, String prefix, Optional<String> delimiter) {
        if (delimiter.isEmpty()) {
            return Optional.empty();
        }
        int at = key.indexOf(delimiter.get(), prefix.length());
        return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at + delimiter.get().length()));
    }
}
