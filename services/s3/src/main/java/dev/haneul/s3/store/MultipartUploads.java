package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.state.AtomicFiles;
import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ChecksumType;
import dev.haneul.s3.wire.Etags;
import dev.haneul.s3.wire.ExpectedDigests;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bucket's multipart uploads.
 *
 * <pre>
 * uploads/&lt;uploadId&gt;/upload.json   the upload (key, metadata, tags, checksum), written atomically
 * uploads/&lt;uploadId&gt;/parts.log     {@link LogEntry} {@code part} lines; the last line of a number wins
 * </pre>
 *
 * Part bodies are files of the bucket's {@link BlobFiles}, written like object bodies. Completion
 * checks the part list as S3 does (at least one part, ascending numbers, each uploaded with that
 * ETag, each but the last at least {@value #MIN_PART_SIZE} bytes), then assembles the object with
 * {@link FileChannel#transferTo} (the kernel copies; nothing passes through the heap) into a file
 * named by the upload id, commits it, and deletes the upload. If a crash falls between that commit
 * and the deletion, start-up finds the object's file named by the upload id and finishes the
 * deletion, so a completed upload never reappears. Upload ids begin with a counter seeded from the
 * clock, so their order is creation order, which is how S3 lists one key's uploads.
 */
final class MultipartUploads {

    private static final Logger log = LoggerFactory.getLogger(MultipartUploads.class);

    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    public static final int MAX_PARTS = 10_000;

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() << 16);

    private final Bucket bucket;
    private final Path dir;
    private final boolean fsync;
    private final Clock clock;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    private record Part(UploadedPart part, String blob) {}

    private static final class Upload {
        final MultipartUpload info;
        final Path dir;
        final MetadataLog partsLog;
        final ConcurrentSkipListMap<Integer, Part> parts = new ConcurrentSkipListMap<>();
        final ReentrantLock lock = new ReentrantLock();
        boolean closed;

        Upload(MultipartUpload info, Path dir, MetadataLog partsLog) {
            this.info = info;
            this.dir = dir;
            this.partsLog = partsLog;
        }
    }

    MultipartUploads(Bucket bucket, Path dir, boolean fsync, Clock clock) throws IOException {
        this.bucket = bucket;
        this.dir = dir;
        this.fsync = fsync;
        this.clock = clock;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                load(entry);
            }
        }
    }

    private void load(Path uploadDir) throws IOException {
        Path infoFile = uploadDir.resolve("upload.json");
        if (uploadDir.getFileName().toString().startsWith(".") || !Files.exists(infoFile)) {
            deleteTree(uploadDir); // A removal or a creation that a crash interrupted.
            return;
        }
        MultipartUpload info = readInfo(infoFile);
        Path partsFile = uploadDir.resolve("parts.log");
        Map<Integer, Part> parts = new LinkedHashMap<>();
        long lines = MetadataLog.replay(partsFile, (entry, inline) -> parts.put(entry.partNumber(), fromEntry(entry)));
        Upload upload = new Upload(info, uploadDir, new MetadataLog(partsFile, fsync, lines));
        upload.parts.putAll(parts);
        uploads.put(info.uploadId(), upload);
    }

    /** Every part file still referenced, for the start-up sweep. */
    Set<String> blobs() {
        Set<String> blobs = new HashSet<>();
        for (Upload upload : uploads.values()) {
            for (Part part : upload.parts.values()) {
                blobs.add(part.blob());
            }
        }
        return blobs;
    }

    /** Start-up: deletes uploads whose object was committed but whose deletion a crash interrupted. */
    void dropCompleted(Set<String> objectBlobs) throws IOException {
        for (Upload upload : List.copyOf(uploads.values())) {
            if (objectBlobs.contains(upload.info.uploadId())) {
                log.info("{} - finishing the removal of completed upload {}", bucket.name(), upload.info.uploadId());
                remove(upload);
            }
        }
    }

    MultipartUpload create(String key, ObjectMetadata metadata, TagSet tags, Optional<ChecksumAlgorithm> algorithm,
                           Optional<ChecksumType> type) throws IOException {
        if (type.isPresent() && algorithm.isEmpty()) {
            throw S3Error.INVALID_REQUEST.exception(
                    "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.", Map.of());
        }
        Optional<ChecksumType> effectiveType = algorithm.map(a -> type.orElse(
                a == ChecksumAlgorithm.CRC64NVME ? ChecksumType.FULL_OBJECT : ChecksumType.COMPOSITE));
        if (algorithm.isPresent() && !algorithm.get().supports(effectiveType.get())) {
            throw S3Error.INVALID_REQUEST.exception("The " + effectiveType.get() + " checksum type cannot be used with the "
                    + algorithm.get().name().toLowerCase(Locale.ROOT) + " checksum algorithm.", Map.of());
        }
        String uploadId = String.format("%016x", SEQUENCE.incrementAndGet()) + BlobFiles.newId().substring(0, 16);
        MultipartUpload info = new MultipartUpload(uploadId, key, clock.instant(), metadata, tags, algorithm, effectiveType);
        Path uploadDir = Files.createDirectories(dir.resolve(uploadId));
        writeInfo(uploadDir.resolve("upload.json"), info);
        uploads.put(uploadId, new Upload(info, uploadDir, new MetadataLog(uploadDir.resolve("parts.log"), fsync, 0)));
        return info;
    }

    MultipartUpload upload(String uploadId) {
        return require(uploadId).info;
    }

    /** A sink for one part's body; see {@link S3Store#openPart}. */
    BodySink<UploadedPart> openPart(String uploadId, int partNumber, ExpectedDigests expected) throws IOException {
        checkPartNumber(partNumber);
        Upload upload = require(uploadId);
        Optional<ChecksumAlgorithm> required = upload.info.checksumAlgorithm();
        if (required.isPresent() && expected.checksumAlgorithm().isPresent()
                && expected.checksumAlgorithm().get() != required.get()) {
            throw S3Error.INVALID_REQUEST.exception("Checksum Type mismatch occurred, expected checksum Type: "
                    + required.get().name().toLowerCase(Locale.ROOT) + ", actual checksum Type: "
                    + expected.checksumAlgorithm().get().name().toLowerCase(Locale.ROOT), Map.of());
        }
        ChecksumAlgorithm algorithm = required.orElse(expected.checksumAlgorithm().orElse(ChecksumAlgorithm.CRC64NVME));
        return new BodySink<>(bucket.blobs(), MAX_PART_SIZE, 0, expected, algorithm, (blob, inline, digests) -> {
            UploadedPart part = new UploadedPart(partNumber, digests.length(), Etags.single(digests.md5()),
                    clock.instant(), Optional.of(new ObjectChecksum(digests.checksumAlgorithm(),
                            Base64.getEncoder().encodeToString(digests.checksum()), ChecksumType.FULL_OBJECT)));
            // An inline limit of 0 keeps no part in the log: every part is a file.
            commitPart(uploadId, new Part(part, requireNonNull(blob, "a part is always a file")));
            return part;
        });
    }

    private void commitPart(String uploadId, Part part) throws IOException {
        Upload upload = require(uploadId);
        Part replaced;
        long ticket;
        upload.lock.lock();
        try {
            if (upload.closed) {
                throw noSuchUpload(uploadId);
            }
            UploadedPart p = part.part();
            ticket = upload.partsLog.enqueue(new LogEntry(LogEntry.PART, upload.info.key(), null, null, p.size(), p.etag(),
                    p.lastModified().toEpochMilli(), null, null, null, null,
                    p.checksum().map(c -> c.algorithm().name()).orElse(null),
                    p.checksum().map(ObjectChecksum::value).orElse(null), null, null, part.blob(), p.partNumber(), null));
            replaced = upload.parts.put(p.partNumber(), part);
        } finally {
            upload.lock.unlock();
        }
        upload.partsLog.sync(ticket);
        if (replaced != null) {
            bucket.blobs().delete(replaced.blob());
        }
    }

    ObjectVersion complete(String uploadId, List<CompletedPart> requested, WriteCondition condition) throws IOException {
        Upload upload = require(uploadId);
        upload.lock.lock();
        try {
            if (upload.closed) {
                throw noSuchUpload(uploadId);
            }
            List<Part> parts = validate(upload, requested);
            MultipartUpload info = upload.info;
            String blob = uploadId;
            assemble(blob, parts);
            List<byte[]> checksums = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            long size = 0;
            for (Part part : parts) {
                checksums.add(Base64.getDecoder().decode(part.part().checksum().orElseThrow().value()));
                sizes.add(part.part().size());
                size += part.part().size();
            }
            ChecksumAlgorithm algorithm = parts.get(0).part().checksum().orElseThrow().algorithm();
            ChecksumType type = info.checksumType().orElse(ChecksumType.FULL_OBJECT);
            String checksum = type == ChecksumType.COMPOSITE ? algorithm.composite(checksums)
                    : Base64.getEncoder().encodeToString(algorithm.fullObject(checksums, sizes));
            ObjectVersion template = new ObjectVersion(info.key(), ObjectVersion.NULL_ID, false, size,
                    Etags.multipart(parts.stream().map(p -> p.part().etag()).toList()), info.initiated(), info.metadata(),
                    info.tags(), Optional.of(new ObjectChecksum(algorithm, checksum, type)), sizes);
            ObjectVersion committed;
            try {
                committed = bucket.commit(template, blob, condition);
            } catch (IOException | RuntimeException e) {
                bucket.blobs().delete(blob);
                throw e;
            }
            remove(upload);
            return committed;
        } finally {
            upload.lock.unlock();
        }
    }

    private List<Part> validate(Upload upload, List<CompletedPart> requested) {
        String uploadId = upload.info.uploadId();
        if (requested.isEmpty()) {
            throw S3Error.INVALID_REQUEST.exception("You must specify at least one part", Map.of());
        }
        List<Part> parts = new ArrayList<>(requested.size());
        int previous = 0;
        for (CompletedPart asked : requested) {
            if (asked.partNumber() <= previous) {
                throw S3Error.INVALID_PART_ORDER.exception(Map.of("UploadId", uploadId));
            }
            previous = asked.partNumber();
            Part part = upload.parts.get(asked.partNumber());
            if (part == null || !ReadConditions.unquote(asked.etag()).equals(part.part().etag())) {
                throw invalidPart(uploadId, asked);
            }
            if (upload.info.checksumAlgorithm().isPresent()) {
                ChecksumAlgorithm algorithm = upload.info.checksumAlgorithm().get();
                if (asked.checksum().isEmpty()) {
                    throw S3Error.INVALID_REQUEST.exception("The upload was created using a "
                            + algorithm.name().toLowerCase(Locale.ROOT) + " checksum. The complete request must include"
                            + " the checksum for each part. It was missing for part " + asked.partNumber()
                            + " in the request.", Map.of());
                }
                if (!asked.checksum().get().strip().equals(part.part().checksum().orElseThrow().value())) {
                    throw invalidPart(uploadId, asked);
                }
            }
            parts.add(part);
        }
        for (int i = 0; i < parts.size() - 1; i++) {
            UploadedPart part = parts.get(i).part();
            if (part.size() < MIN_PART_SIZE) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("ProposedSize", part.size());
                fields.put("MinSizeAllowed", MIN_PART_SIZE);
                fields.put("PartNumber", part.partNumber());
                fields.put("ETag", part.etag());
                throw S3Error.ENTITY_TOO_SMALL.exception(fields);
            }
        }
        return parts;
    }

    /** Concatenates the parts into a new published file, by kernel copies. */
    private void assemble(String blob, List<Part> parts) throws IOException {
        boolean published = false;
        try (FileChannel out = bucket.blobs().create(blob)) {
            for (Part part : parts) {
                try (FileChannel in = FileChannel.open(bucket.blobs().path(part.blob()), StandardOpenOption.READ)) {
                    long size = in.size();
                    long copied = 0;
                    while (copied < size) {
                        copied += in.transferTo(copied, size - copied, out);
                    }
                }
            }
            if (fsync) {
                out.force(false);
            }
            out.close();
            bucket.blobs().publish(blob);
            published = true;
        } finally {
            if (!published) {
                bucket.blobs().deleteTemporary(blob);
            }
        }
    }

    void abort(String uploadId) throws IOException {
        Upload upload = require(uploadId);
        upload.lock.lock();
        try {
            if (upload.closed) {
                throw noSuchUpload(uploadId);
            }
            remove(upload);
        } finally {
            upload.lock.unlock();
        }
    }

    ListPartsResult listParts(String uploadId, int partNumberMarker, int maxParts) {
        Upload upload = require(uploadId);
        int max = Math.min(Math.max(maxParts, 0), 1000);
        List<UploadedPart> page = new ArrayList<>();
        boolean truncated = false;
        for (Part part : upload.parts.tailMap(partNumberMarker, false).values()) {
            if (page.size() == max) {
                truncated = max > 0;
                break;
            }
            page.add(part.part());
        }
        return new ListPartsResult(upload.info, List.copyOf(page), truncated,
                truncated ? Optional.of(page.get(page.size() - 1).partNumber()) : Optional.empty());
    }

    ListUploadsResult listUploads(String prefix, Optional<String> delimiter, Optional<String> keyMarker,
                                  Optional<String> uploadIdMarker, int maxUploads) {
        int max = Math.min(Math.max(maxUploads, 0), 1000);
        List<MultipartUpload> sorted = uploads.values().stream().filter(u -> !u.closed).map(u -> u.info)
                .filter(u -> u.key().startsWith(prefix))
                .sorted(Comparator.comparing(MultipartUpload::key, ObjectKeys.UTF8_ORDER)
                        .thenComparing(MultipartUpload::uploadId))
                .toList();
        List<MultipartUpload> page = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String lastKey = null;
        String lastId = null;
        boolean truncated = false;
        for (MultipartUpload upload : sorted) {
            if (keyMarker.isPresent()) {
                int c = ObjectKeys.UTF8_ORDER.compare(upload.key(), keyMarker.get());
                if (c < 0 || (c == 0 && (uploadIdMarker.isEmpty() || upload.uploadId().compareTo(uploadIdMarker.get()) <= 0))) {
                    continue;
                }
            }
            Optional<String> common = Listings.commonPrefix(upload.key(), prefix, delimiter.filter(d -> !d.isEmpty()));
            if (common.isPresent()) {
                if (common.get().equals(lastKey) && lastId == null
                        || keyMarker.isPresent() && ObjectKeys.UTF8_ORDER.compare(common.get(), keyMarker.get()) <= 0) {
                    continue;
                }
            }
            if (page.size() + prefixes.size() == max) {
                truncated = max > 0;
                break;
            }
            if (common.isPresent()) {
                prefixes.add(common.get());
                lastKey = common.get();
                lastId = null;
            } else {
                page.add(upload);
                lastKey = upload.key();
                lastId = upload.uploadId();
            }
        }
        return new ListUploadsResult(List.copyOf(page), List.copyOf(prefixes), truncated,
                truncated ? Optional.ofNullable(lastKey) : Optional.empty(),
                truncated ? Optional.ofNullable(lastId) : Optional.empty());
    }

    boolean isEmpty() {
        return uploads.isEmpty();
    }

    void close() throws IOException {
        for (Upload upload : uploads.values()) {
            upload.partsLog.close();
        }
    }

    private void remove(Upload upload) throws IOException {
        upload.closed = true;
        uploads.remove(upload.info.uploadId());
        upload.partsLog.close();
        Path trash = upload.dir.resolveSibling("." + upload.info.uploadId() + ".removed");
        Files.move(upload.dir, trash, StandardCopyOption.ATOMIC_MOVE);
        for (Part part : upload.parts.values()) {
            bucket.blobs().delete(part.blob());
        }
        deleteTree(trash);
    }

    private Upload require(String uploadId) {
        Upload upload = uploads.get(uploadId);
        if (upload == null) {
            throw noSuchUpload(uploadId);
        }
        return upload;
    }

    static void checkPartNumber(int partNumber) {
        if (partNumber < 1 || partNumber > MAX_PARTS) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("ArgumentName", "partNumber");
            fields.put("ArgumentValue", partNumber);
            throw S3Error.INVALID_ARGUMENT.exception("Part number must be an integer between 1 and 10000, inclusive",
                    fields);
        }
    }

    private static RuntimeException noSuchUpload(String uploadId) {
        return S3Error.NO_SUCH_UPLOAD.exception(Map.of("UploadId", uploadId));
    }

    private static RuntimeException invalidPart(String uploadId, CompletedPart asked) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("UploadId", uploadId);
        fields.put("PartNumber", asked.partNumber());
        fields.put("ETag", ReadConditions.unquote(asked.etag()));
        return S3Error.INVALID_PART.exception(fields);
    }

    private static Part fromEntry(LogEntry e) {
        String algorithm = e.checksumAlgorithm();
        Optional<ObjectChecksum> checksum = algorithm == null ? Optional.empty()
                : Optional.of(new ObjectChecksum(ChecksumAlgorithm.valueOf(algorithm),
                        requireNonNull(e.checksum(), "a part line with a checksum algorithm has its value"),
                        ChecksumType.FULL_OBJECT));
        // commitPart writes every one of these; a line without them is damaged.
        return new Part(new UploadedPart(requireNonNull(e.partNumber(), "partNumber"), requireNonNull(e.size(), "size"),
                requireNonNull(e.etag(), "etag"), Instant.ofEpochMilli(requireNonNull(e.lastModified(), "lastModified")),
                checksum), requireNonNull(e.blob(), "blob"));
    }

    private static void writeInfo(Path file, MultipartUpload info) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uploadId", info.uploadId());
        json.put("key", info.key());
        json.put("initiated", info.initiated().toEpochMilli());
        json.put("system", info.metadata().systemHeaders());
        json.put("storageClass", info.metadata().storageClass());
        json.put("user", info.metadata().userMetadata());
        json.put("tags", info.tags().tags());
        info.checksumAlgorithm().ifPresent(a -> json.put("checksumAlgorithm", a.name()));
        info.checksumType().ifPresent(t -> json.put("checksumType", t.name()));
        AtomicFiles.write(file, MetadataLog.JSON.writeValueAsBytes(json));
    }

    @SuppressWarnings("unchecked")
    private static MultipartUpload readInfo(Path file) throws IOException {
        Map<String, Object> json = MetadataLog.JSON.readValue(file.toFile(), Map.class);
        return new MultipartUpload((String) field(json, "uploadId"), (String) field(json, "key"),
                Instant.ofEpochMilli(((Number) field(json, "initiated")).longValue()),
                new ObjectMetadata((Map<String, String>) field(json, "system"), (String) field(json, "storageClass"),
                        (Map<String, String>) field(json, "user")),
                new TagSet((Map<String, String>) field(json, "tags")),
                Optional.ofNullable((String) json.get("checksumAlgorithm")).map(ChecksumAlgorithm::valueOf),
                Optional.ofNullable((String) json.get("checksumType")).map(ChecksumType::valueOf));
    }

    /** A field the upload's info file always has: missing means a damaged file. */
    private static Object field(Map<String, Object> json, String name) {
        return requireNonNull(json.get(name), () -> "upload info has no " + name);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
