package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.state.AtomicFiles;
import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.store.BucketIndex.Stored;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * One bucket on disk and in memory:
 *
 * <pre>
 * &lt;bucket&gt;/bucket.json     {@link BucketInfo}, replaced atomically
 * &lt;bucket&gt;/objects.log     {@link MetadataLog} of {@link LogEntry}: the commit point of every object change
 * &lt;bucket&gt;/tmp, data/      {@link BlobFiles}: bodies and parts, by random id
 * &lt;bucket&gt;/uploads/        {@link MultipartUploads}
 * </pre>
 *
 * <p>A write streams its body into a temporary file with no lock held, publishes the file, then
 * under the bucket's lock checks its condition, picks the version id (versioning is read at
 * commit), changes the index and queues the log entry; the lock is released before the log is
 * forced (group commit, see {@link MetadataLog}). Of concurrent writers of one key, the last to
 * take the lock is the latest version; each is whole. Files a change leaves unreferenced are
 * deleted after its entry is durable. When the log holds more than twice the live versions plus
 * {@link S3Store.Options#compactAfterLines} lines, it is rewritten from the index.
 */
final class Bucket {

    private static final Logger log = LoggerFactory.getLogger(Bucket.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern VERSION_ID = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final String name;
    private final Path dir;
    private final boolean fsync;
    private final Clock clock;
    private final long compactAfterLines;
    private final ReentrantLock lock = new ReentrantLock();
    private final BucketIndex index = new BucketIndex();
    private final BlobFiles blobs;
    private final MetadataLog objectLog;
    private final MultipartUploads uploads;
    private volatile BucketInfo info;

    private Bucket(Path dir, BucketInfo info, S3Store.Options options) throws IOException {
        this.name = info.name();
        this.dir = dir;
        this.fsync = options.fsync();
        this.clock = options.clock();
        this.compactAfterLines = options.compactAfterLines();
        this.info = info;
        this.blobs = new BlobFiles(dir, fsync);
        Path logFile = dir.resolve("objects.log");
        long lines = MetadataLog.replay(logFile, index::apply);
        this.objectLog = new MetadataLog(logFile, fsync, lines);
        this.uploads = new MultipartUploads(this, Files.createDirectories(dir.resolve("uploads")), fsync, clock);
    }

    /** A new, empty bucket. */
    static Bucket create(Path dir, BucketInfo info, S3Store.Options options) throws IOException {
        Files.createDirectories(dir);
        writeInfo(dir, info);
        return new Bucket(dir, info, options);
    }

    /** An existing bucket: replays its log and deletes what an interrupted write left. */
    static Bucket open(Path dir, S3Store.Options options) throws IOException {
        BucketInfo info = readInfo(dir);
        Bucket bucket = new Bucket(dir, info, options);
        Set<String> referenced = new HashSet<>(bucket.index.blobs());
        referenced.addAll(bucket.uploads.blobs());
        int swept = bucket.blobs.sweep(referenced);
        if (swept > 0) {
            log.info("{} - deleted {} files of interrupted or superseded writes", info.name(), swept);
        }
        return bucket;
    }

    String name() {
        return name;
    }

    Path dir() {
        return dir;
    }

    BucketInfo info() {
        return info;
    }

    BucketIndex index() {
        return index;
    }

    BlobFiles blobs() {
        return blobs;
    }

    MultipartUploads uploads() {
        return uploads;
    }

    Clock clock() {
        return clock;
    }

    boolean fsync() {
        return fsync;
    }

    void updateInfo(UnaryOperator<BucketInfo> change) throws IOException {
        lock.lock();
        try {
            BucketInfo next = change.apply(info);
            writeInfo(dir, next);
            info = next;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits a new object version whose body is the published file {@code blob} (or none, for a
     * delete marker), checking {@code condition} against the key's current object first.
     *
     * @param template the version with a placeholder id; the id is chosen here from the versioning state
     */
    ObjectVersion commit(ObjectVersion template, @Nullable String blob, WriteCondition condition) throws IOException {
        return commit(template, blob, null, condition);
    }

    /** As above, for a body of a file ({@code blob}) or a small one kept in the log ({@code inline}). */
    ObjectVersion commit(ObjectVersion template, @Nullable String blob, byte @Nullable [] inline,
                         WriteCondition condition)
            throws IOException {
        ObjectVersion committed;
        long ticket;
        List<String> released;
        lock.lock();
        try {
            condition.check(template.key(), currentObject(template.key()));
            String versionId = info.versioning() == VersioningState.ENABLED ? newVersionId() : ObjectVersion.NULL_ID;
            committed = new ObjectVersion(template.key(), versionId, template.deleteMarker(), template.size(),
                    template.etag(), template.lastModified(), template.metadata(), template.tags(), template.checksum(),
                    template.partSizes());
            LogEntry entry = BucketIndex.toEntry(new Stored(committed, blob, null));
            if (inline != null) {
                entry = withInline(entry, inline.length);
            }
            MetadataLog.Appended appended = objectLog.enqueue(entry, inline);
            released = index.apply(entry, appended.inline());
            ticket = appended.ticket();
        } finally {
            lock.unlock();
        }
        finish(ticket, released);
        return committed;
    }

    /** DeleteObject; see {@link S3Store#deleteObject}. */
    DeleteResult delete(String key, Optional<String> versionId) throws IOException {
        if (versionId.isPresent()) {
            validateVersionId(versionId.get());
            long ticket;
            List<String> released;
            boolean marker;
            lock.lock();
            try {
                Optional<Stored> found = index.version(key, versionId.get());
                if (found.isEmpty()) {
                    return new DeleteResult(versionId, false); // Deleting what is not there succeeds.
                }
                marker = found.get().version().deleteMarker();
                LogEntry entry = LogEntry.remove(key, versionId.get());
                released = index.apply(entry, null);
                ticket = objectLog.enqueue(entry);
            } finally {
                lock.unlock();
            }
            finish(ticket, released);
            return new DeleteResult(versionId, marker);
        }
        VersioningState state = info.versioning();
        if (state == VersioningState.UNVERSIONED) {
            long ticket;
            List<String> released;
            lock.lock();
            try {
                if (index.latest(key).isEmpty()) {
                    return new DeleteResult(Optional.empty(), false);
                }
                LogEntry entry = LogEntry.remove(key, ObjectVersion.NULL_ID);
                released = index.apply(entry, null);
                ticket = objectLog.enqueue(entry);
            } finally {
                lock.unlock();
            }
            finish(ticket, released);
            return new DeleteResult(Optional.empty(), false);
        }
        ObjectVersion marker = commit(new ObjectVersion(key, ObjectVersion.NULL_ID, true, 0, "", clock.instant(),
                ObjectMetadata.EMPTY, TagSet.EMPTY, Optional.empty(), List.of()), null, WriteCondition.NONE);
        return new DeleteResult(Optional.of(marker.versionId()), true);
    }

    /** Replaces the tags of a version (the latest when {@code versionId} is empty). */
    ObjectVersion putTags(String key, Optional<String> versionId, TagSet tags) throws IOException {
        long ticket;
        ObjectVersion target;
        lock.lock();
        try {
            target = find(key, versionId);
            if (target.deleteMarker()) {
                throw methodNotAllowedOnMarker(target, "PUT");
            }
            LogEntry entry = LogEntry.tags(key, target.versionId(), tags);
            index.apply(entry, null);
            ticket = objectLog.enqueue(entry);
        } finally {
            lock.unlock();
        }
        finish(ticket, List.of());
        return target.withTags(tags);
    }

    /**
     * The version a read names: the latest (NoSuchKey when there is none or it is a delete marker,
     * with the marker's headers) or a given one (NoSuchVersion; a delete marker is 405).
     */
    Stored read(String key, Optional<String> versionId, String method) {
        if (versionId.isEmpty()) {
            Optional<Stored> latest = index.latest(key);
            if (latest.isEmpty()) {
                throw S3Error.NO_SUCH_KEY.exception(Map.of("Key", key));
            }
            if (latest.get().version().deleteMarker()) {
                throw S3Error.NO_SUCH_KEY.exception(Map.of("Key", key)).withHeaders(markerHeaders(latest.get().version()));
            }
            return latest.get();
        }
        validateVersionId(versionId.get());
        Optional<Stored> found = index.version(key, versionId.get());
        if (found.isEmpty()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("Key", key);
            fields.put("VersionId", versionId.get());
            throw S3Error.NO_SUCH_VERSION.exception(fields);
        }
        if (found.get().version().deleteMarker()) {
            throw methodNotAllowedOnMarker(found.get().version(), method);
        }
        return found.get();
    }

    /** Whether the bucket holds no version and no delete marker (multipart uploads do not count). */
    boolean isEmpty() {
        return index.isEmpty();
    }

    void close() throws IOException {
        objectLog.close();
    }

    private ObjectVersion find(String key, Optional<String> versionId) {
        if (versionId.isPresent()) {
            return read(key, versionId, "PUT").version();
        }
        return read(key, Optional.empty(), "PUT").version();
    }

    /** The key's latest version unless it is a delete marker; {@code null} when there is none. */
    private @Nullable ObjectVersion currentObject(String key) {
        return index.latest(key).map(Stored::version).filter(v -> !v.deleteMarker()).orElse(null);
    }

    private void finish(long ticket, List<String> released) throws IOException {
        objectLog.sync(ticket);
        for (String blob : released) {
            blobs.delete(blob);
        }
        if (needsCompaction()) {
            lock.lock();
            try {
                if (needsCompaction()) {
                    compact();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Rewrites the log from the index; small bodies are read one at a time, never all at once. */
    private void compact() throws IOException {
        List<Stored> live = index.snapshot();
        Iterable<MetadataLog.Record> records = () -> live.stream().map(s -> {
            try {
                MetadataLog.InlineRef inline = s.inline();
                return new MetadataLog.Record(BucketIndex.toEntry(s), inline == null ? null : objectLog.read(inline));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (MetadataLog.StalePositionException e) {
                throw new IllegalStateException("the index points into a replaced log", e); // We hold the lock.
            }
        }).iterator();
        try {
            index.relocate(live, objectLog.rewrite(records));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A small body kept in the log. */
    byte[] readInline(MetadataLog.InlineRef ref) throws IOException, MetadataLog.StalePositionException {
        return objectLog.read(ref);
    }

    private static LogEntry withInline(LogEntry e, int length) {
        return new LogEntry(e.op(), e.key(), e.versionId(), e.deleteMarker(), e.size(), e.etag(), e.lastModified(),
                e.system(), e.storageClass(), e.user(), e.tags(), e.checksumAlgorithm(), e.checksum(), e.checksumType(),
                e.parts(), e.blob(), e.partNumber(), length);
    }

    private boolean needsCompaction() {
        return objectLog.linesSinceRewrite() > compactAfterLines + 2 * index.versionCount();
    }

    /** Lines in the metadata log since it was last rewritten. */
    long logLines() {
        return objectLog.linesSinceRewrite();
    }

    static void validateVersionId(String versionId) {
        if (!versionId.equals(ObjectVersion.NULL_ID) && !VERSION_ID.matcher(versionId).matches()) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ArgumentName", "versionId");
            fields.put("ArgumentValue", versionId);
            throw S3Error.INVALID_ARGUMENT.exception("Invalid version id specified", fields);
        }
    }

    static String newVersionId() {
        byte[] id = new byte[24];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    static Map<String, String> markerHeaders(ObjectVersion marker) {
        return Map.of("x-amz-delete-marker", "true", "x-amz-version-id", marker.versionId());
    }

    private static RuntimeException methodNotAllowedOnMarker(ObjectVersion marker, String method) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Method", method);
        fields.put("ResourceType", "DeleteMarker");
        // A delete marker's version can only be deleted: S3 says so in Allow, as HTTP asks of a 405.
        return S3Error.METHOD_NOT_ALLOWED.exception(fields).withHeaders(markerHeaders(marker))
                .withHeaders(Map.of("Allow", "DELETE"));
    }

    private static void writeInfo(Path dir, BucketInfo info) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", info.name());
        json.put("owner", info.owner());
        json.put("region", info.region());
        json.put("created", info.created().toEpochMilli());
        json.put("versioning", info.versioning().name());
        json.put("tags", info.tags().tags());
        AtomicFiles.write(dir.resolve("bucket.json"), MetadataLog.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    }

    @SuppressWarnings("unchecked")
    private static BucketInfo readInfo(Path dir) throws IOException {
        Map<String, Object> json = MetadataLog.JSON.readValue(dir.resolve("bucket.json").toFile(), Map.class);
        return new BucketInfo((String) field(json, "name"), (String) field(json, "owner"), (String) field(json, "region"),
                Instant.ofEpochMilli(((Number) field(json, "created")).longValue()),
                VersioningState.valueOf((String) field(json, "versioning")),
                new TagSet((Map<String, String>) field(json, "tags")));
    }

    /** A field {@link #writeInfo} always writes: missing means a damaged file. */
    private static Object field(Map<String, Object> json, String name) {
        return requireNonNull(json.get(name), () -> "bucket.json has no " + name);
    }
}
