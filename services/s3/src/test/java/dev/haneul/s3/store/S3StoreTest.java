package dev.haneul.s3.store;

import static dev.haneul.s3.store.StoreFixture.OWNER;
import static dev.haneul.s3.store.StoreFixture.assertS3Error;
import static dev.haneul.s3.store.StoreFixture.put;
import static dev.haneul.s3.store.StoreFixture.read;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.s3.error.S3Exception;
import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ExpectedDigests;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buckets, objects, versioning, tags, ranges and conditions of the store, without sockets. */
class S3StoreTest {

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
    void bucketNamesFollowTheUserGuide() {
        for (String valid : List.of("abc", "my-bucket.v2", "a".repeat(63), "1bucket", "xn-a")) {
            assertThat(BucketNames.isValid(valid)).as(valid).isTrue();
        }
        for (String invalid : List.of("ab", "a".repeat(64), "My-Bucket", "-bucket", "bucket-", "a..b", "192.168.5.4",
                "xn--bucket", "sthree-x", "amzn-s3-demo-x", "x-s3alias", "x--ol-s3", "x.mrap", "x--x-s3",
                "x--table-s3", "under_score", "../etc")) {
            assertThat(BucketNames.isValid(invalid)).as(invalid).isFalse();
        }
        S3Exception e = assertS3Error(() -> store.createBucket("Bad_Name", OWNER, "us-east-1"), "InvalidBucketName");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("The specified bucket is not valid.");
        assertThat(e.orderedFields()).containsEntry("BucketName", "Bad_Name");
    }

    @Test
    void bucketLifecycleAnswersWithS3sCodes() throws IOException {
        S3Exception mine = assertS3Error(() -> store.createBucket("bucket", OWNER, "us-east-1"), "BucketAlreadyOwnedByYou");
        assertThat(mine.status()).isEqualTo(409);
        assertThat(assertS3Error(() -> store.createBucket("bucket", "111111111111", "us-east-1"), "BucketAlreadyExists")
                .status()).isEqualTo(409);
        assertThat(assertS3Error(() -> store.bucket("nope"), "NoSuchBucket").status()).isEqualTo(404);
        assertS3Error(() -> put(store, "nope", "k", "x"), "NoSuchBucket");

        put(store, "bucket", "k", "x");
        S3Exception notEmpty = assertS3Error(() -> store.deleteBucket("bucket"), "BucketNotEmpty");
        assertThat(notEmpty.getMessage()).isEqualTo("The bucket you tried to delete is not empty");
        store.deleteObject("bucket", "k", Optional.empty());
        store.deleteBucket("bucket");
        assertS3Error(() -> store.bucket("bucket"), "NoSuchBucket");
        assertThat(store.listBuckets(OWNER)).isEmpty();
        store.createBucket("bucket", OWNER, "eu-west-1");
        assertS3Error(() -> read(store, "bucket", "k"), "NoSuchKey");
        assertThat(store.bucket("bucket").region()).isEqualTo("eu-west-1");
    }

    @Test
    void objectsKeepTheirSystemAndUserMetadata() throws IOException {
        ObjectMetadata metadata = ObjectMetadata.fromHeaders(List.of(
                Map.entry("Content-Type", "text/plain"), Map.entry("content-encoding", "gzip,aws-chunked"),
                Map.entry("Cache-Control", "max-age=60"), Map.entry("Content-Disposition", "attachment"),
                Map.entry("Content-Language", "ko"), Map.entry("Expires", "Thu, 01 Dec 2094 16:00:00 GMT"),
                Map.entry("x-amz-storage-class", "STANDARD_IA"), Map.entry("X-Amz-Meta-Color", "blue"),
                Map.entry("Authorization", "ignored")));
        ObjectVersion written = store.putObject("bucket", "doc.txt", PutObjectOptions.defaults().withMetadata(metadata)
                .withTags(TagSet.forObject(List.of(Map.entry("team", "web")))), "hello".getBytes(UTF_8));
        assertThat(written.etag()).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(written.quotedEtag()).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");
        assertThat(written.checksum()).hasValueSatisfying(c -> {
            assertThat(c.algorithm()).isEqualTo(ChecksumAlgorithm.CRC64NVME); // S3's default.
            assertThat(c.value()).isEqualTo(Base64.getEncoder()
                    .encodeToString(ChecksumAlgorithm.CRC64NVME.digest("hello".getBytes(UTF_8))));
        });
        ObjectVersion head;
        try (ObjectRead read = store.headObject("bucket", "doc.txt", GetObjectOptions.latest())) {
            head = read.version();
        }
        assertThat(head.metadata().contentType()).isEqualTo("text/plain");
        assertThat(head.metadata().header("Content-Encoding")).contains("gzip");
        assertThat(head.metadata().header("Cache-Control")).contains("max-age=60");
        assertThat(head.metadata().header("Expires")).contains("Thu, 01 Dec 2094 16:00:00 GMT");
        assertThat(head.metadata().storageClass()).isEqualTo("STANDARD_IA");
        assertThat(head.metadata().userMetadata()).containsExactly(Map.entry("color", "blue"));
        assertThat(head.tags().tags()).containsEntry("team", "web");
        assertThat(head.size()).isEqualTo(5);
        assertThat(ObjectMetadata.EMPTY.contentType()).isEqualTo("binary/octet-stream");

        assertS3Error(() -> ObjectMetadata.fromHeaders(List.of(Map.entry("x-amz-storage-class", "FakeClass"))),
                "InvalidStorageClass");
        assertS3Error(() -> ObjectMetadata.fromHeaders(List.of(Map.entry("x-amz-meta-big", "x".repeat(2100)))),
                "MetadataTooLarge");
    }

    @Test
    void declaredDigestsAreVerifiedBeforeTheObjectIsVisible() throws IOException {
        PutObjectOptions badMd5 = PutObjectOptions.defaults().withDigests(ExpectedDigests.fromHeaders(
                List.of(Map.entry("Content-MD5", "CYketZBSTjX8czcs3cXVlg=="))));
        assertS3Error(() -> store.putObject("bucket", "k", badMd5, "hello".getBytes(UTF_8)), "BadDigest");
        PutObjectOptions badCrc = PutObjectOptions.defaults().withDigests(ExpectedDigests.fromHeaders(
                List.of(Map.entry("x-amz-checksum-crc32", "AAAAAA=="))));
        assertS3Error(() -> store.putObject("bucket", "k", badCrc, "hello".getBytes(UTF_8)), "BadDigest");
        assertS3Error(() -> read(store, "bucket", "k"), "NoSuchKey");
        assertThat(tempFiles()).isEmpty();

        PutObjectOptions sha1 = PutObjectOptions.defaults().withDigests(ExpectedDigests.fromHeaders(List.of(Map.entry(
                "x-amz-checksum-sha1", Base64.getEncoder().encodeToString(
                        ChecksumAlgorithm.SHA1.digest("hello".getBytes(UTF_8)))))));
        assertThat(store.putObject("bucket", "k", sha1, "hello".getBytes(UTF_8)).checksum().orElseThrow().algorithm())
                .isEqualTo(ChecksumAlgorithm.SHA1);
    }

    @Test
    void hostileKeysStayInsideTheBucket() throws IOException {
        List<String> keys = List.of("../../etc/passwd", "a/../../b", "/absolute", "nul\0byte", "..", ".", "a//b/",
                "back\\slash", "한국어/키", "emoji😀", "\u0001control", "x".repeat(1024), "é".repeat(512));
        for (String key : keys) {
            put(store, "bucket", key, "value of " + key);
        }
        for (String key : keys) {
            assertThat(read(store, "bucket", key)).isEqualTo("value of " + key);
        }
        // Every file the store wrote is under the data dir and named by a hex id, whatever the key.
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(file.normalize()).startsWith(dir);
                String name = file.getFileName().toString();
                assertThat(name).matches("[0-9a-f]{32}|objects\\.log|bucket\\.json|accounting\\.json");
            }
        }
        assertThat(Files.exists(dir.resolve("etc"))).isFalse();
        assertS3Error(() -> put(store, "bucket", "x".repeat(1025), "v"), "KeyTooLongError");
        assertS3Error(() -> put(store, "bucket", "é".repeat(513), "v"), "KeyTooLongError");
        assertS3Error(() -> put(store, "bucket", "", "v"), "InvalidArgument");
        assertS3Error(() -> put(store, "bucket", "lone\uD800surrogate", "v"), "InvalidArgument");
    }

    @Test
    void versioningStateMachine() throws IOException {
        assertThat(store.bucket("bucket").versioning().status()).isEmpty();
        ObjectVersion v0 = put(store, "bucket", "k", "unversioned");
        assertThat(v0.versionId()).isEqualTo("null");
        assertThat(read(store, "bucket", "k", GetObjectOptions.latest().withVersion("null"))).isEqualTo("unversioned");
        assertS3Error(() -> read(store, "bucket", "k", GetObjectOptions.latest().withVersion("bad id")), "InvalidArgument");

        store.setVersioning("bucket", VersioningState.ENABLED);
        assertThat(store.bucket("bucket").versioning().status()).contains("Enabled");
        ObjectVersion v1 = put(store, "bucket", "k", "one");
        ObjectVersion v2 = put(store, "bucket", "k", "two");
        assertThat(v1.versionId()).hasSize(32).isNotEqualTo(v2.versionId());
        assertThat(read(store, "bucket", "k")).isEqualTo("two");
        assertThat(read(store, "bucket", "k", GetObjectOptions.latest().withVersion(v1.versionId()))).isEqualTo("one");
        assertThat(read(store, "bucket", "k", GetObjectOptions.latest().withVersion("null"))).isEqualTo("unversioned");

        DeleteResult marker = store.deleteObject("bucket", "k", Optional.empty());
        assertThat(marker.deleteMarker()).isTrue();
        S3Exception gone = assertS3Error(() -> read(store, "bucket", "k"), "NoSuchKey");
        assertThat(gone.headers()).containsEntry("x-amz-delete-marker", "true")
                .containsEntry("x-amz-version-id", marker.versionId().orElseThrow());
        S3Exception onMarker = assertS3Error(() -> read(store, "bucket", "k",
                GetObjectOptions.latest().withVersion(marker.versionId().orElseThrow())), "MethodNotAllowed");
        assertThat(onMarker.status()).isEqualTo(405);
        assertThat(onMarker.orderedFields()).containsEntry("ResourceType", "DeleteMarker");
        S3Exception notEmpty = assertS3Error(() -> store.deleteBucket("bucket"), "BucketNotEmpty");
        assertThat(notEmpty.getMessage()).endsWith("You must delete all versions in the bucket.");

        // Deleting the marker by id brings the object back.
        assertThat(store.deleteObject("bucket", "k", marker.versionId()).deleteMarker()).isTrue();
        assertThat(read(store, "bucket", "k")).isEqualTo("two");
        // Deleting a version for good.
        store.deleteObject("bucket", "k", Optional.of(v2.versionId()));
        assertThat(read(store, "bucket", "k")).isEqualTo("one");
        S3Exception noVersion = assertS3Error(() -> read(store, "bucket", "k",
                GetObjectOptions.latest().withVersion(v2.versionId())), "NoSuchVersion");
        assertThat(noVersion.orderedFields()).containsEntry("Key", "k").containsEntry("VersionId", v2.versionId());
        // Enabled buckets put a marker even on a key that never existed.
        assertThat(store.deleteObject("bucket", "never", Optional.empty()).deleteMarker()).isTrue();

        store.setVersioning("bucket", VersioningState.SUSPENDED);
        assertThat(store.bucket("bucket").versioning().status()).contains("Suspended");
        ObjectVersion n1 = put(store, "bucket", "k", "null again");
        assertThat(n1.versionId()).isEqualTo("null");
        ObjectVersion n2 = put(store, "bucket", "k", "null replaced");
        assertThat(n2.versionId()).isEqualTo("null");
        ListVersionsResult versions = store.listObjectVersions("bucket", new ListVersionsRequest("k", Optional.empty(),
                Optional.empty(), Optional.empty(), 1000));
        assertThat(versions.versions()).extracting(e -> e.version().versionId())
                .containsExactly("null", v1.versionId()); // The old null version was replaced, v1 kept.
        assertThat(versions.versions().get(0).latest()).isTrue();
        DeleteResult suspendedDelete = store.deleteObject("bucket", "k", Optional.empty());
        assertThat(suspendedDelete.versionId()).contains("null");
        assertThat(suspendedDelete.deleteMarker()).isTrue();
        assertS3Error(() -> read(store, "bucket", "k"), "NoSuchKey");
        assertThat(read(store, "bucket", "k", GetObjectOptions.latest().withVersion(v1.versionId()))).isEqualTo("one");
    }

    @Test
    void tagsOfObjectsAndBuckets() throws IOException {
        put(store, "bucket", "k", "v");
        store.putObjectTags("bucket", "k", Optional.empty(), TagSet.forObject(List.of(Map.entry("a", "1"))));
        assertThat(store.objectTags("bucket", "k", Optional.empty()).tags().tags()).containsExactly(Map.entry("a", "1"));
        store.deleteObjectTags("bucket", "k", Optional.empty());
        assertThat(store.objectTags("bucket", "k", Optional.empty()).tags().isEmpty()).isTrue();
        assertS3Error(() -> store.putObjectTags("bucket", "missing", Optional.empty(), TagSet.EMPTY), "NoSuchKey");

        assertS3Error(() -> store.bucketTags("bucket"), "NoSuchTagSet");
        store.putBucketTags("bucket", TagSet.forBucket(List.of(Map.entry("env", "dev"))));
        assertThat(store.bucketTags("bucket").tags()).containsEntry("env", "dev");
        store.deleteBucketTags("bucket");
        assertS3Error(() -> store.bucketTags("bucket"), "NoSuchTagSet");

        List<Map.Entry<String, String>> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(Map.entry("k" + i, "v"));
        }
        assertS3Error(() -> TagSet.forObject(eleven), "BadRequest");
        assertThat(TagSet.forBucket(eleven).tags()).hasSize(11);
        assertThat(assertS3Error(() -> TagSet.forObject(List.of(Map.entry("Key1", "a"), Map.entry("Key1", "b"))),
                "InvalidTag").getMessage()).isEqualTo("Cannot provide multiple Tags with the same key");
        assertThat(assertS3Error(() -> TagSet.forObject(List.of(Map.entry("Key1,Key2", "a"))), "InvalidTag")
                .getMessage()).isEqualTo("The TagKey you have provided is invalid");
        assertThat(assertS3Error(() -> TagSet.forObject(List.of(Map.entry("test", "value1,value2"))), "InvalidTag")
                .orderedFields()).containsEntry("TagValue", "value1,value2");
        assertThat(assertS3Error(() -> TagSet.forObject(List.of(Map.entry("aws:prefixed", "a"))), "InvalidTag")
                .getMessage()).isEqualTo("Your TagKey cannot be prefixed with aws:");
        assertThat(assertS3Error(() -> TagSet.forBucket(List.of(Map.entry("aws:prefixed", "a"))), "InvalidTag")
                .getMessage()).startsWith("User-defined tag keys can't start with \"aws:\".");
        assertS3Error(() -> TagSet.forObject(List.of(Map.entry("k".repeat(129), "a"))), "InvalidTag");
        assertS3Error(() -> TagSet.forObject(List.of(Map.entry("k", "v".repeat(257)))), "InvalidTag");
    }

    @Test
    void rangesReadAsS3ReadsThem() throws IOException {
        put(store, "bucket", "ten", "0123456789");
        assertRange("bytes=0-8", "012345678", "bytes 0-8/10");
        assertRange("bytes=1-", "123456789", "bytes 1-9/10");
        assertRange("bytes=-2", "89", "bytes 8-9/10");
        assertRange("bytes=-15", "0123456789", "bytes 0-9/10");
        assertRange("bytes=0-100", "0123456789", "bytes 0-9/10");
        for (String ignored : List.of("bytes=1-0", "bytes=0--1", "bytes=-1-", "bytes=-", "bytes=0-1,3-4", "items=0-1", "junk")) {
            try (ObjectRead read = store.getObject("bucket", "ten", GetObjectOptions.latest().withRange(ignored))) {
                assertThat(read.range().partial()).as(ignored).isFalse();
                assertThat(new String(read.stream().readAllBytes(), UTF_8)).isEqualTo("0123456789");
            }
        }
        for (String unsatisfiable : List.of("bytes=-0", "bytes=100-200", "bytes=10-")) {
            S3Exception e = assertS3Error(() -> store.getObject("bucket", "ten",
                    GetObjectOptions.latest().withRange(unsatisfiable)), "InvalidRange");
            assertThat(e.status()).isEqualTo(416);
            assertThat(e.orderedFields()).containsEntry("RangeRequested", unsatisfiable).containsEntry("ActualObjectSize", 10L);
        }
        assertS3Error(() -> store.getObject("bucket", "ten", GetObjectOptions.latest().withRange("bytes=0-1")
                .withPartNumber(1)), "InvalidRequest");
        assertThat(assertS3Error(() -> store.getObject("bucket", "ten", GetObjectOptions.latest().withPartNumber(2)),
                "InvalidPartNumber").status()).isEqualTo(416);

        assertThat(ByteRange.parseCopySource(Optional.of("bytes=2-4"), 10)).isEqualTo(new ByteRange(2, 4, 10, true));
        assertThat(assertS3Error(() -> ByteRange.parseCopySource(Optional.of("bytes=-15"), 10), "InvalidArgument")
                .getMessage()).startsWith("The x-amz-copy-source-range value must be of the form bytes=first-last");
        assertThat(assertS3Error(() -> ByteRange.parseCopySource(Optional.of("bytes=0-100"), 10), "InvalidArgument")
                .getMessage()).isEqualTo("Range specified is not valid for source object of size: 10");
        assertS3Error(() -> ByteRange.parseCopySource(Optional.of("bytes=10-12"), 10), "InvalidRequest");
    }

    private void assertRange(String header, String body, String contentRange) throws IOException {
        try (ObjectRead read = store.getObject("bucket", "ten", GetObjectOptions.latest().withRange(header))) {
            assertThat(read.range().partial()).as(header).isTrue();
            assertThat(read.range().contentRange()).isEqualTo(contentRange);
            assertThat(new String(read.stream().readAllBytes(), UTF_8)).isEqualTo(body);
        }
    }

    @Test
    void readConditionsFollowRfc7232AndS3() throws IOException {
        ObjectVersion v = put(store, "bucket", "k", "v");
        Instant modified = v.lastModified();
        Instant before = modified.minusSeconds(60);
        Instant after = modified.plusSeconds(60);
        Instant now = modified.plusSeconds(120);
        ReadConditions none = ReadConditions.none();
        String etag = v.quotedEtag();
        assertThat(none.evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.PROCEED);
        assertThat(cond(Optional.of(v.etag()), Optional.empty(), Optional.empty(), Optional.empty())
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.PROCEED); // Unquoted matches too.
        assertThat(assertS3Error(() -> cond(Optional.of("\"other\""), Optional.empty(), Optional.empty(), Optional.empty())
                .evaluate(etag, modified, now), "PreconditionFailed").orderedFields()).containsEntry("Condition", "If-Match");
        assertThat(assertS3Error(() -> cond(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(before))
                .evaluate(etag, modified, now), "PreconditionFailed").orderedFields())
                .containsEntry("Condition", "If-Unmodified-Since");
        // If-Match true overrides a false If-Unmodified-Since.
        assertThat(cond(Optional.of(etag), Optional.empty(), Optional.empty(), Optional.of(before))
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.PROCEED);
        assertThat(cond(Optional.empty(), Optional.of(etag), Optional.empty(), Optional.empty())
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.NOT_MODIFIED);
        assertThat(cond(Optional.empty(), Optional.of("*"), Optional.empty(), Optional.empty())
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.NOT_MODIFIED);
        // If-None-Match matching with If-Modified-Since true: still 304.
        assertThat(cond(Optional.empty(), Optional.of(etag), Optional.of(before), Optional.empty())
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.NOT_MODIFIED);
        // If-None-Match not matching: If-Modified-Since is not looked at.
        assertThat(cond(Optional.empty(), Optional.of("\"x\""), Optional.of(after), Optional.empty())
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.PROCEED);
        assertThat(cond(Optional.empty(), Optional.empty(), Optional.of(after), Optional.empty())
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.NOT_MODIFIED);
        assertThat(cond(Optional.empty(), Optional.empty(), Optional.of(modified), Optional.empty())
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.NOT_MODIFIED); // Equal: not modified.
        assertThat(cond(Optional.empty(), Optional.empty(), Optional.of(now.plusSeconds(3600)), Optional.empty())
                .evaluate(etag, modified, now)).isEqualTo(ReadConditions.Outcome.PROCEED); // Future: ignored.
        // As a copy source, a 304 becomes 412 with the header's name.
        assertThat(assertS3Error(() -> cond(Optional.empty(), Optional.of(etag), Optional.empty(), Optional.empty())
                .evaluateCopySource(etag, modified, now), "PreconditionFailed").orderedFields())
                .containsEntry("Condition", "x-amz-copy-source-if-none-match");

        try (ObjectRead read = store.getObject("bucket", "k", GetObjectOptions.latest().withConditions(
                cond(Optional.empty(), Optional.of(etag), Optional.empty(), Optional.empty())))) {
            assertThat(read.notModified()).isTrue();
        }
    }

    private static ReadConditions cond(Optional<String> ifMatch, Optional<String> ifNoneMatch,
                                       Optional<Instant> ifModifiedSince, Optional<Instant> ifUnmodifiedSince) {
        return new ReadConditions(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince);
    }

    @Test
    void conditionalWritesAreCheckedAtCommit() throws IOException {
        PutObjectOptions createOnly = PutObjectOptions.defaults().withCondition(WriteCondition.IF_ABSENT);
        store.putObject("bucket", "k", createOnly, "first".getBytes(UTF_8));
        assertThat(assertS3Error(() -> store.putObject("bucket", "k", createOnly, "second".getBytes(UTF_8)),
                "PreconditionFailed").orderedFields()).containsEntry("Condition", "If-None-Match");
        // Two create-only writes racing: both opened while the key is absent, one commits.
        try (BodySink<ObjectVersion> a = store.openPut("bucket", "race", createOnly);
             BodySink<ObjectVersion> b = store.openPut("bucket", "race", createOnly)) {
            a.write(ByteBuffer.wrap("a".getBytes(UTF_8)));
            b.write(ByteBuffer.wrap("b".getBytes(UTF_8)));
            a.commit();
            assertS3Error(b::commit, "PreconditionFailed");
        }
        assertThat(read(store, "bucket", "race")).isEqualTo("a");

        ObjectVersion current = store.headObject("bucket", "k", GetObjectOptions.latest()).version();
        store.putObject("bucket", "k", PutObjectOptions.defaults().withCondition(WriteCondition.ifMatch(current.quotedEtag())),
                "replaced".getBytes(UTF_8));
        assertS3Error(() -> store.putObject("bucket", "k", PutObjectOptions.defaults()
                .withCondition(WriteCondition.ifMatch(current.quotedEtag())), "x".getBytes(UTF_8)), "PreconditionFailed");
        assertS3Error(() -> store.putObject("bucket", "absent", PutObjectOptions.defaults()
                .withCondition(WriteCondition.ifMatch("\"abc\"")), "x".getBytes(UTF_8)), "NoSuchKey");

        assertThat(WriteCondition.fromHeaders(Optional.empty(), Optional.of("*"))).isEqualTo(WriteCondition.IF_ABSENT);
        assertThat(assertS3Error(() -> WriteCondition.fromHeaders(Optional.empty(), Optional.of("\"etag\"")),
                "NotImplemented").status()).isEqualTo(501);
        assertS3Error(() -> WriteCondition.fromHeaders(Optional.of("*"), Optional.empty()), "NotImplemented");
        assertThat(assertS3Error(() -> WriteCondition.fromHeaders(Optional.of("\"a\""), Optional.of("*")),
                "NotImplemented").orderedFields()).containsEntry("Header", "If-Match,If-None-Match");
    }

    @Test
    void copiesCarryMetadataAndRefuseTheMeaninglessSelfCopy() throws IOException {
        ObjectMetadata metadata = ObjectMetadata.of(Map.of("Content-Type", "text/plain"), "STANDARD", Map.of("a", "1"));
        store.putObject("bucket", "src", PutObjectOptions.defaults().withMetadata(metadata), "payload".getBytes(UTF_8));
        store.createBucket("other", OWNER, "us-east-1");
        ObjectVersion copy = store.copyObject(CopySource.of("bucket", "src"), "other", "dst", CopyOptions.copyAll());
        assertThat(read(store, "other", "dst")).isEqualTo("payload");
        assertThat(copy.metadata().userMetadata()).containsEntry("a", "1");
        assertThat(copy.etag()).isEqualTo(store.headObject("bucket", "src", GetObjectOptions.latest()).version().etag());
        assertS3Error(() -> store.copyObject(CopySource.of("bucket", "src"), "bucket", "src", CopyOptions.copyAll()),
                "InvalidRequest");
        ObjectVersion replaced = store.copyObject(CopySource.of("bucket", "src"), "bucket", "src", new CopyOptions(
                Optional.of(ObjectMetadata.EMPTY), Optional.empty(), WriteCondition.NONE, Optional.empty()));
        assertThat(replaced.metadata().userMetadata()).isEmpty();
        assertS3Error(() -> store.copyObject(CopySource.of("bucket", "missing"), "other", "x", CopyOptions.copyAll()),
                "NoSuchKey");
    }

    @Test
    void requestAccountingCountsPerBucketAndSurvivesAReopen() throws IOException {
        store.accounting().record("bucket", RequestAccounting.RequestClass.PUT_COPY_POST_LIST, 100, 0);
        store.accounting().record("bucket", RequestAccounting.RequestClass.GET, 0, 40);
        store.accounting().record("bucket", RequestAccounting.RequestClass.OTHER, 0, 0);
        store.close();
        store = StoreFixture.open(dir);
        assertThat(store.accounting().usage("bucket")).isEqualTo(new RequestAccounting.Usage(1, 1, 1, 100, 40));
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("buckets/bucket/tmp"))) {
            return files.toList();
        }
    }
}
