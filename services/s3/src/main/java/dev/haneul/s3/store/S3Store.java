package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.error.S3Exception;
import dev.haneul.s3.store.BucketIndex.Stored;
import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ChecksumType;
import dev.haneul.s3.wire.Etags;
import dev.haneul.s3.wire.ExpectedDigests;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3's object store on the local file system: buckets, objects and their versions, multipart
 * uploads, tags and request accounting under one directory, streamed in and out, crash-safe, and
 * restored on start-up. The S3 provider maps each operation to one call here; everything S3 answers
 * with an error is thrown as an {@link dev.haneul.s3.error.S3Exception}.
 *
 * <pre>
 * &lt;root&gt;/buckets/&lt;name&gt;/   one {@link Bucket} each (see there for its files)
 * &lt;root&gt;/trash/             buckets being deleted, emptied at start-up
 * &lt;root&gt;/accounting.json    {@link RequestAccounting}
 * </pre>
 *
 * <p>Guarantees: a write is visible only once complete, verified and committed, and durable when
 * its call returns (with {@link Options#fsync}, also across power loss); after a crash an object is
 * whole or absent, and start-up removes what interrupted writes left. Concurrent writers of one key
 * end with one of them whole, the last to commit. Reads hold the data file open, so a concurrent
 * overwrite or delete never tears a read. Thread-safe.
 *
 * <p>This class is the facade and is long because S3's object API is wide; each operation delegates
 * to {@link Bucket}, {@link MultipartUploads} or {@link Listings}.
 */
public final class S3Store implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(S3Store.class);

    /** The largest single PUT or copy source: 5 GiB. */
    public static final long MAX_PUT_SIZE = 5L * 1024 * 1024 * 1024;

    /**
     * Bodies up to this size are kept in the bucket's metadata log rather than in files of their
     * own: one append per PUT instead of a file's creation, rename and deletion.
     */
    public static final int INLINE_MAX_BYTES = 32 * 1024;

    private final Path buckets;
    private final Path trash;
    private final Options options;
    private final Map<String, Bucket> open = new ConcurrentHashMap<>();
    private final Object registryLock = new Object();
    private final RequestAccounting accounting;

    /**
     * @param fsync force data and metadata to disk before a write returns (the default); without
     *     it, writes survive a crash of the process but not of the machine — for tests and benchmarks
     * @param clock Last-Modified and initiation times
     * @param compactAfterLines a bucket's metadata log is rewritten once it has this many lines more
     *     than twice its live versions (default {@value #DEFAULT_COMPACT_AFTER_LINES})
     */
    public record Options(boolean fsync, Clock clock, long compactAfterLines) {

        public static final long DEFAULT_COMPACT_AFTER_LINES = 10_000;

        public Options {
            requireNonNull(clock, "clock");
            if (compactAfterLines < 1) {
                throw new IllegalArgumentException("compactAfterLines: " + compactAfterLines + " (expected: >= 1)");
            }
        }

        public Options(boolean fsync, Clock clock) {
            this(fsync, clock, DEFAULT_COMPACT_AFTER_LINES);
        }

        public static Options defaults() {
            return new Options(true, Clock.systemUTC());
        }
    }

    private S3Store(Path root, Options options) throws IOException {
        this.options = options;
        this.buckets = Files.createDirectories(root.resolve("buckets"));
        this.trash = Files.createDirectories(root.resolve("trash"));
        MultipartUploads.deleteTree(trash);
        Files.createDirectories(trash);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(buckets)) {
            for (Path dir : dirs) {
                if (Files.exists(dir.resolve("bucket.json"))) {
                    Bucket bucket = Bucket.open(dir, options);
                    bucket.uploads().dropCompleted(bucket.index().blobs());
                    open.put(bucket.name(), bucket);
                } else {
                    MultipartUploads.deleteTree(dir); // A creation that a crash interrupted.
                }
            }
        }
        this.accounting = new RequestAccounting(root.resolve("accounting.json"), options.clock());
        log.info("s3 - store at {}: {} buckets", root, open.size());
    }

    /** Opens (creating if needed) the store under {@code root}, recovering from any crash. */
    public static S3Store open(Path root, Options options) throws IOException {
        return new S3Store(requireNonNull(root, "root"), requireNonNull(options, "options"));
    }

    public RequestAccounting accounting() {
        return accounting;
    }

    // ---- Buckets ----

    /**
     * CreateBucket. Recreating one's own bucket is BucketAlreadyOwnedByYou (the provider answers us-east-1's
     * legacy 200 itself), another account's is BucketAlreadyExists.
     */
    public BucketInfo createBucket(String name, String owner, String region) throws IOException {
        BucketNames.validate(name);
        synchronized (registryLock) {
            Bucket existing = open.get(name);
            if (existing != null) {
                throw (existing.info().owner().equals(owner) ? S3Error.BUCKET_ALREADY_OWNED_BY_YOU
                        : S3Error.BUCKET_ALREADY_EXISTS).exception(Map.of("BucketName", name));
            }
            BucketInfo info = new BucketInfo(name, owner, region, options.clock().instant(), VersioningState.UNVERSIONED,
                    TagSet.EMPTY);
            open.put(name, Bucket.create(buckets.resolve(name), info, options));
            return info;
        }
    }

    /** The bucket, or NoSuchBucket. */
    public BucketInfo bucket(String name) {
        return require(name).info();
    }

    /** Whether the bucket exists now. */
    public boolean hasBucket(String name) {
        return open.containsKey(name);
    }

    /** ListBuckets: the owner's buckets by name. */
    public List<BucketInfo> listBuckets(String owner) {
        return open.values().stream().map(Bucket::info).filter(b -> b.owner().equals(owner))
                .sorted(Comparator.comparing(BucketInfo::name)).toList();
    }

    /** Every bucket of every owner, by name (health, status). */
    public List<BucketInfo> allBuckets() {
        return open.values().stream().map(Bucket::info).sorted(Comparator.comparing(BucketInfo::name)).toList();
    }

    /**
     * DeleteBucket: BucketNotEmpty while any version or delete marker is left; uploads in progress
     * are aborted with it.
     */
    public void deleteBucket(String name) throws IOException {
        synchronized (registryLock) {
            Bucket bucket = require(name);
            if (!bucket.isEmpty()) {
                throw bucket.info().versioning() == VersioningState.UNVERSIONED
                        ? S3Error.BUCKET_NOT_EMPTY.exception(Map.of("BucketName", name))
                        : S3Error.BUCKET_NOT_EMPTY.exception("The bucket you tried to delete is not empty. You must"
                                + " delete all versions in the bucket.", Map.of("BucketName", name));
            }
            open.remove(name);
            bucket.close();
            bucket.uploads().close();
            Path moved = trash.resolve(name + "-" + BlobFiles.newId());
            Files.move(bucket.dir(), moved, StandardCopyOption.ATOMIC_MOVE);
            MultipartUploads.deleteTree(moved);
            accounting.forget(name);
        }
    }

    /** PutBucketVersioning with Enabled or Suspended. */
    public void setVersioning(String name, VersioningState state) throws IOException {
        if (state == VersioningState.UNVERSIONED) {
            throw new IllegalArgumentException("state: UNVERSIONED (expected: ENABLED or SUSPENDED)");
        }
        require(name).updateInfo(info -> info.withVersioning(state));
    }

    public void putBucketTags(String name, TagSet tags) throws IOException {
        require(name).updateInfo(info -> info.withTags(tags));
    }

    /** GetBucketTagging: NoSuchTagSet when the bucket has none. */
    public TagSet bucketTags(String name) {
        TagSet tags = require(name).info().tags();
        if (tags.isEmpty()) {
            throw S3Error.NO_SUCH_TAG_SET.exception(Map.of("BucketName", name));
        }
        return tags;
    }

    public void deleteBucketTags(String name) throws IOException {
        require(name).updateInfo(info -> info.withTags(TagSet.EMPTY));
    }

    // ---- Objects ----

    /**
     * Starts a PutObject: feed the body to the returned sink, then {@link BodySink#commit}. The key,
     * the declared length and the condition are checked before any byte is accepted.
     */
    public BodySink<ObjectVersion> openPut(String bucketName, String key, PutObjectOptions put) throws IOException {
        Bucket bucket = require(bucketName);
        ObjectKeys.validate(key);
        if (put.contentLength().isPresent() && put.contentLength().getAsLong() > MAX_PUT_SIZE) {
            throw tooLarge(put.contentLength().getAsLong());
        }
        put.condition().check(key, bucket.index().latest(key).map(Stored::version).filter(v -> !v.deleteMarker())
                .orElse(null));
        ChecksumAlgorithm algorithm = put.digests().checksumAlgorithm().orElse(ChecksumAlgorithm.CRC64NVME);
        return new BodySink<>(bucket.blobs(), MAX_PUT_SIZE, INLINE_MAX_BYTES, put.digests(), algorithm,
                (blob, inline, digests) -> bucket.commit(new ObjectVersion(key, ObjectVersion.NULL_ID, false,
                        digests.length(), Etags.single(digests.md5()), options.clock().instant(), put.metadata(),
                        put.tags(), Optional.of(new ObjectChecksum(algorithm,
                                Base64.getEncoder().encodeToString(digests.checksum()), ChecksumType.FULL_OBJECT)),
                        List.of()), blob, inline, put.condition()));
    }

    /** PutObject from a stream. */
    public ObjectVersion putObject(String bucket, String key, PutObjectOptions put, InputStream body) throws IOException {
        try (BodySink<ObjectVersion> sink = openPut(bucket, key, put)) {
            sink.writeAll(body);
            return sink.commit();
        }
    }

    /** PutObject of bytes already in memory (small bodies, tests). */
    public ObjectVersion putObject(String bucket, String key, PutObjectOptions put, byte[] body) throws IOException {
        try (BodySink<ObjectVersion> sink = openPut(bucket, key, put)) {
            sink.write(ByteBuffer.wrap(body));
            return sink.commit();
        }
    }

    /**
     * GetObject: the version, the range and the open data file (close the result). Conditions may
     * answer 304 ({@link ObjectRead#notModified}) or throw 412.
     */
    public ObjectRead getObject(String bucket, String key, GetObjectOptions get) throws IOException {
        return read(bucket, key, get, true);
    }

    /** HeadObject: as GetObject, without opening the data. */
    public ObjectRead headObject(String bucket, String key, GetObjectOptions get) throws IOException {
        return read(bucket, key, get, false);
    }

    private ObjectRead read(String bucketName, String key, GetObjectOptions get, boolean withData) throws IOException {
        Bucket bucket = require(bucketName);
        for (int attempt = 0; ; attempt++) {
            Stored stored = bucket.read(key, get.versionId(), withData ? "GET" : "HEAD");
            ObjectVersion version = stored.version();
            boolean notModified = get.conditions().evaluate(version.quotedEtag(), version.lastModified(),
                    options.clock().instant()) == ReadConditions.Outcome.NOT_MODIFIED;
            ByteRange range = range(version, get);
            if (!withData || notModified) {
                return new ObjectRead(version, range, null, notModified);
            }
            Optional<ObjectRead> opened = open(bucket, stored, range, attempt);
            if (opened.isPresent()) {
                return opened.get();
            }
            // Replaced and deleted (or compacted) between the lookup and the open: look again.
        }
    }

    /** The body of {@code stored}; empty when it went away since it was looked up. */
    private static Optional<ObjectRead> open(Bucket bucket, Stored stored, ByteRange range, int attempt)
            throws IOException {
        try {
            MetadataLog.InlineRef inline = stored.inline();
            if (inline != null) {
                return Optional.of(new ObjectRead(stored.version(), range, null, bucket.readInline(inline), false));
            }
            String blob = requireNonNull(stored.blob(), "a version with a body has its inline bytes or its file");
            return Optional.of(new ObjectRead(stored.version(), range,
                    FileChannel.open(bucket.blobs().path(blob), StandardOpenOption.READ), false));
        } catch (NoSuchFileException | MetadataLog.StalePositionException e) {
            if (attempt == 3) {
                throw new IOException("s3 - " + bucket.name() + " - object changed under four reads in a row", e);
            }
            return Optional.empty();
        }
    }

    private static ByteRange range(ObjectVersion version, GetObjectOptions get) {
        if (get.partNumber().isEmpty()) {
            return ByteRange.parse(get.range(), version.size());
        }
        if (get.range().isPresent()) {
            throw S3Error.INVALID_REQUEST.exception("Cannot specify both Range header and partNumber query parameter",
                    Map.of());
        }
        int number = get.partNumber().get();
        MultipartUploads.checkPartNumber(number);
        List<Long> parts = version.partSizes();
        int count = parts.isEmpty() ? 1 : parts.size();
        if (number > count) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("PartNumberRequested", number);
            fields.put("ActualPartCount", count);
            throw S3Error.INVALID_PART_NUMBER.exception(fields);
        }
        if (parts.isEmpty()) {
            return ByteRange.whole(version.size());
        }
        long first = 0;
        for (int i = 0; i < number - 1; i++) {
            first += parts.get(i);
        }
        return ByteRange.part(first, parts.get(number - 1), version.size());
    }

    /**
     * DeleteObject: without a version id, removes the object (unversioned), adds a delete marker
     * (Enabled) or replaces the null version by a null delete marker (Suspended); with one, removes
     * that version or marker for good. Deleting what does not exist succeeds.
     */
    public DeleteResult deleteObject(String bucket, String key, Optional<String> versionId) throws IOException {
        return require(bucket).delete(key, versionId);
    }

    /**
     * CopyObject, streamed from the source's file into a new one. The copy's ETag is the MD5 of its
     * bytes (a copied multipart object becomes a single-part one, as on S3); the source's checksum
     * algorithm is kept unless another is asked for.
     */
    public ObjectVersion copyObject(CopySource source, String targetBucket, String targetKey, CopyOptions copy)
            throws IOException {
        Bucket from = require(source.bucket());
        Stored stored = readSource(from, source);
        ObjectVersion src = stored.version();
        if (source.bucket().equals(targetBucket) && source.key().equals(targetKey) && copy.replaceMetadata().isEmpty()
                && (source.versionId().isEmpty() || from.index().latest(source.key())
                        .map(s -> s.version().versionId().equals(src.versionId())).orElse(false))) {
            throw S3Error.INVALID_REQUEST.exception("This copy request is illegal because it is trying to copy an object"
                    + " to itself without changing the object's metadata, storage class, website redirect location or"
                    + " encryption attributes.", Map.of());
        }
        ChecksumAlgorithm algorithm = copy.checksumAlgorithm()
                .orElse(src.checksum().map(ObjectChecksum::algorithm).orElse(ChecksumAlgorithm.CRC64NVME));
        PutObjectOptions put = new PutObjectOptions(copy.replaceMetadata().orElse(src.metadata()),
                copy.replaceTags().orElse(src.tags()), ExpectedDigests.none().withChecksumAlgorithm(algorithm),
                copy.condition(), OptionalLong.of(src.size()));
        try (ObjectRead in = openSource(from, source, stored, ByteRange.whole(src.size()));
             BodySink<ObjectVersion> sink = openPut(targetBucket, targetKey, put)) {
            sink.writeAll(in.stream());
            return sink.commit();
        }
    }

    private Stored readSource(Bucket from, CopySource source) {
        Stored stored;
        try {
            stored = from.read(source.key(), source.versionId(), "GET");
        } catch (S3Exception e) {
            if (e.error() == S3Error.METHOD_NOT_ALLOWED) {
                throw S3Error.INVALID_REQUEST.exception(
                        "The source of a copy request may not specifically refer to a delete marker by version id.", Map.of());
            }
            throw e;
        }
        ObjectVersion src = stored.version();
        source.conditions().evaluateCopySource(src.quotedEtag(), src.lastModified(), options.clock().instant());
        if (src.size() > MAX_PUT_SIZE) {
            throw S3Error.INVALID_REQUEST.exception("The specified copy source is larger than the maximum allowable size"
                    + " for a copy source: " + MAX_PUT_SIZE, Map.of());
        }
        return stored;
    }

    /** The body of a copy source, looked up again if it changed since {@code stored} was read. */
    private ObjectRead openSource(Bucket from, CopySource source, Stored stored, ByteRange range) throws IOException {
        Stored current = stored;
        for (int attempt = 0; ; attempt++) {
            Optional<ObjectRead> opened = open(from, current, range, attempt);
            if (opened.isPresent()) {
                return opened.get();
            }
            current = readSource(from, source);
        }
    }

    /** GetObjectTagging: the version (its id and tags). */
    public ObjectVersion objectTags(String bucket, String key, Optional<String> versionId) {
        return require(bucket).read(key, versionId, "GET").version();
    }

    public ObjectVersion putObjectTags(String bucket, String key, Optional<String> versionId, TagSet tags)
            throws IOException {
        return require(bucket).putTags(key, versionId, tags);
    }

    public ObjectVersion deleteObjectTags(String bucket, String key, Optional<String> versionId) throws IOException {
        return require(bucket).putTags(key, versionId, TagSet.EMPTY);
    }

    // ---- Listing ----

    public ListObjectsResult listObjectsV2(String bucket, ListObjectsRequest request) {
        return Listings.objects(require(bucket).index(), request, true);
    }

    /** ListObjects (v1): {@code marker} is {@link ListObjectsRequest#startAfter}. */
    public ListObjectsResult listObjects(String bucket, ListObjectsRequest request) {
        return Listings.objects(require(bucket).index(), request, false);
    }

    public ListVersionsResult listObjectVersions(String bucket, ListVersionsRequest request) {
        return Listings.versions(require(bucket).index(), request);
    }

    // ---- Multipart uploads ----

    public MultipartUpload createMultipartUpload(String bucket, String key, ObjectMetadata metadata, TagSet tags,
            Optional<ChecksumAlgorithm> checksumAlgorithm, Optional<ChecksumType> checksumType) throws IOException {
        ObjectKeys.validate(key);
        return require(bucket).uploads().create(key, metadata, tags, checksumAlgorithm, checksumType);
    }

    /**
     * Starts an UploadPart (1–10,000, at most 5 GiB); feed the sink and commit it. Re-uploading a
     * part number replaces the earlier part.
     */
    public BodySink<UploadedPart> openPart(String bucket, String key, String uploadId, int partNumber,
            ExpectedDigests digests, OptionalLong contentLength) throws IOException {
        MultipartUploads uploads = requireUpload(bucket, key, uploadId);
        if (contentLength.isPresent() && contentLength.getAsLong() > MultipartUploads.MAX_PART_SIZE) {
            throw tooLarge(contentLength.getAsLong());
        }
        return uploads.openPart(uploadId, partNumber, digests);
    }

    public UploadedPart uploadPart(String bucket, String key, String uploadId, int partNumber, ExpectedDigests digests,
            InputStream body) throws IOException {
        try (BodySink<UploadedPart> sink = openPart(bucket, key, uploadId, partNumber, digests, OptionalLong.empty())) {
            sink.writeAll(body);
            return sink.commit();
        }
    }

    /** UploadPartCopy, with S3's strict {@code x-amz-copy-source-range}. */
    public UploadedPart uploadPartCopy(String bucket, String key, String uploadId, int partNumber, CopySource source,
            Optional<String> copySourceRange) throws IOException {
        MultipartUploads.checkPartNumber(partNumber);
        requireUpload(bucket, key, uploadId);
        Bucket from = require(source.bucket());
        Stored stored = readSource(from, source);
        ByteRange range = ByteRange.parseCopySource(copySourceRange, stored.version().size());
        try (ObjectRead in = openSource(from, source, stored, range);
             BodySink<UploadedPart> sink = openPart(bucket, key, uploadId, partNumber, ExpectedDigests.none(),
                     OptionalLong.of(range.length()))) {
            sink.writeAll(in.stream());
            return sink.commit();
        }
    }

    public ObjectVersion completeMultipartUpload(String bucket, String key, String uploadId, List<CompletedPart> parts,
            WriteCondition condition) throws IOException {
        return requireUpload(bucket, key, uploadId).complete(uploadId, parts, condition);
    }

    public void abortMultipartUpload(String bucket, String key, String uploadId) throws IOException {
        requireUpload(bucket, key, uploadId).abort(uploadId);
    }

    public ListPartsResult listParts(String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {
        return requireUpload(bucket, key, uploadId).listParts(uploadId, partNumberMarker, maxParts);
    }

    public ListUploadsResult listMultipartUploads(String bucket, String prefix, Optional<String> delimiter,
            Optional<String> keyMarker, Optional<String> uploadIdMarker, int maxUploads) {
        return require(bucket).uploads().listUploads(prefix, delimiter, keyMarker, uploadIdMarker, maxUploads);
    }

    @Override
    public void close() throws IOException {
        for (Bucket bucket : open.values()) {
            bucket.close();
            bucket.uploads().close();
        }
        accounting.save();
    }

    private MultipartUploads requireUpload(String bucket, String key, String uploadId) {
        MultipartUploads uploads = require(bucket).uploads();
        if (!uploads.upload(uploadId).key().equals(key)) {
            throw S3Error.NO_SUCH_UPLOAD.exception(Map.of("UploadId", uploadId));
        }
        return uploads;
    }

    private Bucket require(String name) {
        Bucket bucket = open.get(name);
        if (bucket == null) {
            throw S3Error.NO_SUCH_BUCKET.exception(Map.of("BucketName", name));
        }
        return bucket;
    }

    private static RuntimeException tooLarge(long size) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ProposedSize", size);
        fields.put("MaxSizeAllowed", MAX_PUT_SIZE);
        return S3Error.ENTITY_TOO_LARGE.exception(fields);
    }
}
