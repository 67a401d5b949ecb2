package dev.haneul.s3.store;

import static dev.haneul.s3.store.StoreFixture.OWNER;
import static dev.haneul.s3.store.StoreFixture.assertS3Error;
import static dev.haneul.s3.store.StoreFixture.put;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.s3.error.S3Exception;
import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ChecksumType;
import dev.haneul.s3.wire.ExpectedDigests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multipart uploads: S3's completion rules, ETags and checksums, part copies, abort and lists. */
class MultipartTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path dir;

    private S3Store store;

    @BeforeEach
    void open() throws IOException {
        store = StoreFixture.open(dir);
        store.createBucket("bucket", OWNER, "us-east-1");
    }

    @AfterEach
    void close() throws IOException {
        store.close();
    }

    @Test
    void completeAssemblesThePartsWithAwsEtagAndFullObjectChecksum() throws Exception {
        MultipartUpload upload = create("big", Optional.empty(), Optional.empty());
        byte[] p1 = random(5 * MIB, 1);
        byte[] p2 = random(5 * MIB, 2);
        byte[] p3 = random(1234, 3);
        UploadedPart u1 = part(upload, 1, p1);
        UploadedPart u2 = part(upload, 2, p2);
        UploadedPart u3 = part(upload, 3, p3);
        assertThat(u1.etag()).isEqualTo(hex(md5(p1)));

        ObjectVersion done = store.completeMultipartUpload("bucket", "big", upload.uploadId(), List.of(
                new CompletedPart(1, u1.quotedEtag()), new CompletedPart(2, u2.etag()), new CompletedPart(3, u3.etag())),
                WriteCondition.NONE);
        byte[] whole = concat(p1, p2, p3);
        byte[] joinedMd5s = concat(md5(p1), md5(p2), md5(p3));
        assertThat(done.etag()).isEqualTo(hex(md5(joinedMd5s)) + "-3");
        assertThat(done.size()).isEqualTo(whole.length);
        assertThat(done.partSizes()).containsExactly((long) p1.length, (long) p2.length, (long) p3.length);
        assertThat(done.lastModified()).isEqualTo(upload.initiated());
        assertThat(done.checksum().orElseThrow().type()).isEqualTo(ChecksumType.FULL_OBJECT);
        assertThat(done.checksum().orElseThrow().value())
                .isEqualTo(Base64.getEncoder().encodeToString(ChecksumAlgorithm.CRC64NVME.digest(whole)));
        try (ObjectRead read = store.getObject("bucket", "big", GetObjectOptions.latest())) {
            assertThat(read.stream().readAllBytes()).isEqualTo(whole);
        }
        try (ObjectRead read = store.getObject("bucket", "big", GetObjectOptions.latest().withPartNumber(2))) {
            assertThat(read.range().contentRange()).isEqualTo("bytes " + p1.length + "-" + (p1.length + p2.length - 1)
                    + "/" + whole.length);
            assertThat(read.stream().readAllBytes()).isEqualTo(p2);
        }
        assertS3Error(() -> store.listParts("bucket", "big", upload.uploadId(), 0, 1000), "NoSuchUpload");
        assertThat(store.listMultipartUploads("bucket", "", Optional.empty(), Optional.empty(), Optional.empty(), 1000)
                .uploads()).isEmpty();
    }

    @Test
    void compositeChecksumsAreTheChecksumOfThePartChecksums() throws Exception {
        MultipartUpload upload = create("c", Optional.of(ChecksumAlgorithm.SHA256), Optional.empty());
        assertThat(upload.checksumType()).contains(ChecksumType.COMPOSITE);
        byte[] p1 = random(5 * MIB, 4);
        byte[] p2 = random(10, 5);
        String c1 = b64(ChecksumAlgorithm.SHA256.digest(p1));
        String c2 = b64(ChecksumAlgorithm.SHA256.digest(p2));
        UploadedPart u1 = store.uploadPart("bucket", "c", upload.uploadId(), 1,
                ExpectedDigests.fromHeaders(List.of(Map.entry("x-amz-checksum-sha256", c1))), new ByteArrayInputStream(p1));
        assertThat(u1.checksum().orElseThrow().value()).isEqualTo(c1);
        UploadedPart u2 = part(upload, 2, p2);
        assertThat(u2.checksum().orElseThrow().value()).isEqualTo(c2);
        S3Exception missing = assertS3Error(() -> store.completeMultipartUpload("bucket", "c", upload.uploadId(),
                List.of(new CompletedPart(1, u1.etag()), new CompletedPart(2, u2.etag())), WriteCondition.NONE),
                "InvalidRequest");
        assertThat(missing.getMessage()).isEqualTo("The upload was created using a sha256 checksum. The complete request"
                + " must include the checksum for each part. It was missing for part 1 in the request.");
        ObjectVersion done = store.completeMultipartUpload("bucket", "c", upload.uploadId(), List.of(
                new CompletedPart(1, u1.etag(), Optional.of(c1)), new CompletedPart(2, u2.etag(), Optional.of(c2))),
                WriteCondition.NONE);
        assertThat(done.checksum().orElseThrow().value())
                .isEqualTo(ChecksumAlgorithm.SHA256.composite(List.of(ChecksumAlgorithm.SHA256.digest(p1),
                        ChecksumAlgorithm.SHA256.digest(p2))))
                .endsWith("-2");

        assertThat(assertS3Error(() -> create("x", Optional.of(ChecksumAlgorithm.CRC64NVME),
                Optional.of(ChecksumType.COMPOSITE)), "InvalidRequest").getMessage())
                .isEqualTo("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.");
        assertThat(assertS3Error(() -> create("x", Optional.of(ChecksumAlgorithm.SHA1),
                Optional.of(ChecksumType.FULL_OBJECT)), "InvalidRequest").getMessage())
                .isEqualTo("The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.");
        assertS3Error(() -> create("x", Optional.empty(), Optional.of(ChecksumType.FULL_OBJECT)), "InvalidRequest");
        MultipartUpload crc = create("crc", Optional.of(ChecksumAlgorithm.CRC32), Optional.empty());
        assertThat(assertS3Error(() -> store.uploadPart("bucket", "crc", crc.uploadId(), 1,
                ExpectedDigests.fromHeaders(List.of(Map.entry("x-amz-checksum-sha256", c1))), new ByteArrayInputStream(p1)),
                "InvalidRequest").getMessage()).isEqualTo(
                "Checksum Type mismatch occurred, expected checksum Type: crc32, actual checksum Type: sha256");
    }

    @Test
    void completionRulesAreS3s() throws Exception {
        MultipartUpload upload = create("k", Optional.empty(), Optional.empty());
        byte[] small = random(100, 6);
        UploadedPart u1 = part(upload, 1, small);
        UploadedPart u2 = part(upload, 2, random(200, 7));
        String id = upload.uploadId();

        assertS3Error(() -> complete(upload), "InvalidRequest");
        S3Exception order = assertS3Error(() -> complete(upload, new CompletedPart(2, u2.etag()),
                new CompletedPart(1, u1.etag())), "InvalidPartOrder");
        assertThat(order.orderedFields()).containsEntry("UploadId", id);
        assertS3Error(() -> complete(upload, new CompletedPart(1, u1.etag()), new CompletedPart(1, u1.etag())),
                "InvalidPartOrder");
        S3Exception wrongEtag = assertS3Error(() -> complete(upload, new CompletedPart(1, "\"0123\"")), "InvalidPart");
        assertThat(wrongEtag.orderedFields()).containsEntry("PartNumber", 1).containsEntry("ETag", "0123");
        assertS3Error(() -> complete(upload, new CompletedPart(3, u1.etag())), "InvalidPart");
        S3Exception tooSmall = assertS3Error(() -> complete(upload, new CompletedPart(1, u1.etag()),
                new CompletedPart(2, u2.etag())), "EntityTooSmall");
        assertThat(tooSmall.orderedFields()).containsEntry("ProposedSize", 100L).containsEntry("MinSizeAllowed", 5242880L)
                .containsEntry("PartNumber", 1);
        // A single part, however small, is a valid last part; gaps in numbers are allowed.
        ObjectVersion done = complete(upload, new CompletedPart(2, u2.etag()));
        assertThat(done.etag()).endsWith("-1");
        assertThat(assertS3Error(() -> complete(upload, new CompletedPart(2, u2.etag())), "NoSuchUpload").status())
                .isEqualTo(404);

        MultipartUpload other = create("k2", Optional.empty(), Optional.empty());
        for (int bad : new int[] {0, 10_001, -1}) {
            assertThat(assertS3Error(() -> part(other, bad, small), "InvalidArgument").getMessage())
                    .isEqualTo("Part number must be an integer between 1 and 10000, inclusive");
        }
        part(other, 10_000, small);
        assertS3Error(() -> store.openPart("bucket", "k2", other.uploadId(), 1, ExpectedDigests.none(),
                OptionalLong.of(5L * 1024 * MIB + 1)), "EntityTooLarge");
        assertS3Error(() -> store.openPart("bucket", "wrong-key", other.uploadId(), 1, ExpectedDigests.none(),
                OptionalLong.empty()), "NoSuchUpload");
        // The conditional complete: If-None-Match * on an existing key.
        MultipartUpload again = create("k", Optional.empty(), Optional.empty());
        UploadedPart a1 = part(again, 1, small);
        assertS3Error(() -> store.completeMultipartUpload("bucket", "k", again.uploadId(),
                List.of(new CompletedPart(1, a1.etag())), WriteCondition.IF_ABSENT), "PreconditionFailed");
        complete(again, new CompletedPart(1, a1.etag())); // The upload survives a failed condition.
    }

    @Test
    void reuploadReplacesAPartAndAbortCleansUp() throws Exception {
        MultipartUpload upload = create("k", Optional.empty(), Optional.empty());
        part(upload, 1, random(10, 8));
        UploadedPart second = part(upload, 1, random(20, 9));
        ListPartsResult parts = store.listParts("bucket", "k", upload.uploadId(), 0, 1000);
        assertThat(parts.parts()).singleElement().satisfies(p -> {
            assertThat(p.etag()).isEqualTo(second.etag());
            assertThat(p.size()).isEqualTo(20);
        });
        store.abortMultipartUpload("bucket", "k", upload.uploadId());
        assertS3Error(() -> store.abortMultipartUpload("bucket", "k", upload.uploadId()), "NoSuchUpload");
        assertS3Error(() -> part(upload, 2, random(10, 1)), "NoSuchUpload");
        try (var files = Files.walk(dir.resolve("buckets/bucket/data"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
        try (var files = Files.list(dir.resolve("buckets/bucket/uploads"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void partsCopyRangesOfObjects() throws Exception {
        byte[] source = random(6 * MIB, 10);
        store.putObject("bucket", "src", PutObjectOptions.defaults(), source);
        MultipartUpload upload = create("dst", Optional.empty(), Optional.empty());
        UploadedPart first = store.uploadPartCopy("bucket", "dst", upload.uploadId(), 1, CopySource.of("bucket", "src"),
                Optional.of("bytes=0-" + (5 * MIB - 1)));
        UploadedPart second = store.uploadPartCopy("bucket", "dst", upload.uploadId(), 2, CopySource.of("bucket", "src"),
                Optional.of("bytes=" + 5 * MIB + "-" + (6 * MIB - 1)));
        assertThat(first.size()).isEqualTo(5 * MIB);
        complete(upload, new CompletedPart(1, first.etag()), new CompletedPart(2, second.etag()));
        try (ObjectRead read = store.getObject("bucket", "dst", GetObjectOptions.latest())) {
            assertThat(read.stream().readAllBytes()).isEqualTo(source);
        }
        MultipartUpload another = create("dst2", Optional.empty(), Optional.empty());
        assertS3Error(() -> store.uploadPartCopy("bucket", "dst2", another.uploadId(), 1, CopySource.of("bucket", "src"),
                Optional.of("bytes=0-" + 6 * MIB)), "InvalidArgument");
        assertS3Error(() -> store.uploadPartCopy("bucket", "dst2", another.uploadId(), 1,
                new CopySource("bucket", "src", Optional.empty(), new ReadConditions(Optional.of("\"nope\""),
                        Optional.empty(), Optional.empty(), Optional.empty())), Optional.empty()), "PreconditionFailed");
    }

    @Test
    void uploadsAndPartsListWithMarkers() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String key : List.of("b", "a", "a", "dir/x", "dir/y", "c")) {
            ids.add(create(key, Optional.empty(), Optional.empty()).uploadId());
        }
        ListUploadsResult all = store.listMultipartUploads("bucket", "", Optional.empty(), Optional.empty(),
                Optional.empty(), 1000);
        assertThat(all.uploads()).extracting(MultipartUpload::key).containsExactly("a", "a", "b", "c", "dir/x", "dir/y");
        assertThat(all.uploads().get(0).uploadId()).isEqualTo(ids.get(1)); // Same key: in order of creation.
        ListUploadsResult page = store.listMultipartUploads("bucket", "", Optional.empty(), Optional.empty(),
                Optional.empty(), 2);
        assertThat(page.truncated()).isTrue();
        ListUploadsResult rest = store.listMultipartUploads("bucket", "", Optional.empty(), page.nextKeyMarker(),
                page.nextUploadIdMarker(), 1000);
        assertThat(rest.uploads()).extracting(MultipartUpload::key).containsExactly("b", "c", "dir/x", "dir/y");
        ListUploadsResult grouped = store.listMultipartUploads("bucket", "", Optional.of("/"), Optional.empty(),
                Optional.empty(), 1000);
        assertThat(grouped.commonPrefixes()).containsExactly("dir/");
        assertThat(grouped.uploads()).extracting(MultipartUpload::key).containsExactly("a", "a", "b", "c");

        MultipartUpload upload = create("parts", Optional.empty(), Optional.empty());
        for (int n : new int[] {5, 1, 3}) {
            part(upload, n, random(10, n));
        }
        ListPartsResult first = store.listParts("bucket", "parts", upload.uploadId(), 0, 2);
        assertThat(first.parts()).extracting(UploadedPart::partNumber).containsExactly(1, 3);
        assertThat(first.nextPartNumberMarker()).contains(3);
        assertThat(store.listParts("bucket", "parts", upload.uploadId(), 3, 2).parts())
                .extracting(UploadedPart::partNumber).containsExactly(5);
    }

    private MultipartUpload create(String key, Optional<ChecksumAlgorithm> algorithm, Optional<ChecksumType> type)
            throws IOException {
        return store.createMultipartUpload("bucket", key, ObjectMetadata.EMPTY, TagSet.EMPTY, algorithm, type);
    }

    private UploadedPart part(MultipartUpload upload, int number, byte[] body) throws IOException {
        return store.uploadPart("bucket", upload.key(), upload.uploadId(), number, ExpectedDigests.none(),
                new ByteArrayInputStream(body));
    }

    private ObjectVersion complete(MultipartUpload upload, CompletedPart... parts) throws IOException {
        return store.completeMultipartUpload("bucket", upload.key(), upload.uploadId(), List.of(parts),
                WriteCondition.NONE);
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] md5(byte[] data) throws Exception {
        return MessageDigest.getInstance("MD5").digest(data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
