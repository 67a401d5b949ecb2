package dev.haneul.s3.store;

import static dev.haneul.s3.store.StoreFixture.OWNER;
import static dev.haneul.s3.store.StoreFixture.assertS3Error;
import static dev.haneul.s3.store.StoreFixture.put;
import static dev.haneul.s3.store.StoreFixture.read;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.s3.wire.ExpectedDigests;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts, crashes, torn logs, concurrent writers and objects larger than the heap. */
class DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void aReopenedStoreHasEverythingBack() throws IOException {
        String uploadId;
        String v1;
        try (S3Store store = StoreFixture.open(dir)) {
            store.createBucket("bucket", OWNER, "eu-west-1");
            store.putBucketTags("bucket", TagSet.forBucket(List.of(Map.entry("env", "test"))));
            put(store, "bucket", "plain", "before versioning");
            store.setVersioning("bucket", VersioningState.ENABLED);
            v1 = put(store, "bucket", "k", "one").versionId();
            put(store, "bucket", "k", "two");
            store.putObjectTags("bucket", "k", Optional.empty(), TagSet.forObject(List.of(Map.entry("t", "2"))));
            store.deleteObject("bucket", "gone", Optional.empty());
            MultipartUpload upload = store.createMultipartUpload("bucket", "mp", ObjectMetadata.EMPTY, TagSet.EMPTY,
                    Optional.empty(), Optional.empty());
            uploadId = upload.uploadId();
            store.uploadPart("bucket", "mp", uploadId, 1, ExpectedDigests.none(),
                    new ByteArrayInputStream(new byte[5 * 1024 * 1024]));
        }
        try (S3Store store = StoreFixture.open(dir)) {
            BucketInfo info = store.bucket("bucket");
            assertThat(info.region()).isEqualTo("eu-west-1");
            assertThat(info.versioning()).isEqualTo(VersioningState.ENABLED);
            assertThat(info.tags().tags()).containsEntry("env", "test");
            assertThat(read(store, "bucket", "plain")).isEqualTo("before versioning");
            assertThat(read(store, "bucket", "k")).isEqualTo("two");
            assertThat(read(store, "bucket", "k", GetObjectOptions.latest().withVersion(v1))).isEqualTo("one");
            assertThat(store.objectTags("bucket", "k", Optional.empty()).tags().tags()).containsEntry("t", "2");
            assertS3Error(() -> read(store, "bucket", "gone"), "NoSuchKey");
            assertThat(store.listObjectVersions("bucket", ListVersionsRequest.all()).versions()).hasSize(4);
            ListPartsResult parts = store.listParts("bucket", "mp", uploadId, 0, 1000);
            assertThat(parts.parts()).singleElement().satisfies(p -> assertThat(p.size()).isEqualTo(5 * 1024 * 1024));
            UploadedPart last = store.uploadPart("bucket", "mp", uploadId, 2, ExpectedDigests.none(),
                    new ByteArrayInputStream("tail".getBytes(UTF_8)));
            ObjectVersion done = store.completeMultipartUpload("bucket", "mp", uploadId, List.of(
                    new CompletedPart(1, parts.parts().get(0).etag()), new CompletedPart(2, last.etag())),
                    WriteCondition.NONE);
            assertThat(done.size()).isEqualTo(5 * 1024 * 1024 + 4);
        }
    }

    @Test
    void aTornLogTailIsCutOffAndEarlierObjectsSurvive() throws IOException {
        try (S3Store store = StoreFixture.open(dir)) {
            store.createBucket("bucket", OWNER, "us-east-1");
            put(store, "bucket", "a", "alpha");
            put(store, "bucket", "b", "beta");
        }
        Path log = dir.resolve("buckets/bucket/objects.log");
        long intact = Files.size(log);
        Files.write(log, "{\"op\":\"put\",\"key\":\"c\",\"versionId\":\"nu".getBytes(UTF_8), StandardOpenOption.APPEND);
        try (S3Store store = StoreFixture.open(dir)) {
            assertThat(read(store, "bucket", "a")).isEqualTo("alpha");
            assertThat(read(store, "bucket", "b")).isEqualTo("beta");
            assertS3Error(() -> read(store, "bucket", "c"), "NoSuchKey");
            assertThat(Files.size(log)).isEqualTo(intact);
            put(store, "bucket", "c", "gamma");
        }
        try (S3Store store = StoreFixture.open(dir)) {
            assertThat(read(store, "bucket", "c")).isEqualTo("gamma");
        }
    }

    @Test
    void startUpDeletesWhatInterruptedWritesLeft() throws IOException {
        try (S3Store store = StoreFixture.open(dir)) {
            store.createBucket("bucket", OWNER, "us-east-1");
            put(store, "bucket", "kept", "kept");
        }
        Path bucket = dir.resolve("buckets/bucket");
        Files.writeString(bucket.resolve("tmp/0123456789abcdef0123456789abcdef"), "half a body");
        Files.createDirectories(bucket.resolve("data/ff"));
        Files.writeString(bucket.resolve("data/ff/ff23456789abcdef0123456789abcdef"), "published, never committed");
        Files.createDirectories(bucket.resolve("uploads/00000000000000000000000000000000")); // No upload.json.
        Files.createDirectories(dir.resolve("buckets/half-created")); // No bucket.json.
        try (S3Store store = StoreFixture.open(dir)) {
            assertThat(read(store, "bucket", "kept")).isEqualTo("kept");
            assertS3Error(() -> store.bucket("half-created"), "NoSuchBucket");
        }
        assertThat(list(bucket.resolve("tmp"))).isEmpty();
        assertThat(Files.exists(bucket.resolve("data/ff/ff23456789abcdef0123456789abcdef"))).isFalse();
        assertThat(list(bucket.resolve("uploads"))).isEmpty();
        assertThat(Files.exists(dir.resolve("buckets/half-created"))).isFalse();
        try (Stream<Path> files = Files.walk(bucket.resolve("data"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isZero(); // "kept" is small: in the log.
        }
    }

    @Test
    void theLogIsCompactedAndStillReplays() throws IOException {
        S3Store.Options options = new S3Store.Options(false, Clock.systemUTC(), 50);
        byte[] large = new byte[S3Store.INLINE_MAX_BYTES + 1];
        try (S3Store store = S3Store.open(dir, options)) {
            store.createBucket("bucket", OWNER, "us-east-1");
            for (int i = 0; i < 300; i++) {
                put(store, "bucket", "key-" + (i % 10), "value " + i);
                large[0] = (byte) i;
                store.putObject("bucket", "large-" + (i % 3), PutObjectOptions.defaults(), large);
            }
            store.putObjectTags("bucket", "key-3", Optional.empty(), TagSet.forObject(List.of(Map.entry("a", "b"))));
            // Small bodies moved with the compaction and are read from their new place.
            for (int i = 0; i < 10; i++) {
                assertThat(read(store, "bucket", "key-" + i)).isEqualTo("value " + (290 + i));
            }
        }
        long lines;
        try (Stream<String> log = Files.lines(dir.resolve("buckets/bucket/objects.log"), StandardCharsets.ISO_8859_1)) {
            lines = log.filter(line -> line.startsWith("{\"op\"")).count();
        }
        assertThat(lines).isLessThan(120); // 601 changes, compacted down to the 13 keys plus what followed.
        try (S3Store store = S3Store.open(dir, options)) {
            for (int i = 0; i < 10; i++) {
                assertThat(read(store, "bucket", "key-" + i)).isEqualTo("value " + (290 + i));
            }
            for (int i = 0; i < 3; i++) {
                try (ObjectRead read = store.getObject("bucket", "large-" + i, GetObjectOptions.latest())) {
                    assertThat(read.file()).isPresent();
                    assertThat(read.stream().readAllBytes()[0]).isEqualTo((byte) (297 + i));
                }
            }
            assertThat(store.objectTags("bucket", "key-3", Optional.empty()).tags().tags()).containsEntry("a", "b");
        }
        try (Stream<Path> files = Files.walk(dir.resolve("buckets/bucket/data"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(3); // Superseded bodies deleted.
        }
    }

    @Test
    void smallBodiesLiveInTheLogAndLargeOnesInFiles() throws IOException {
        try (S3Store store = StoreFixture.open(dir)) {
            store.createBucket("bucket", OWNER, "us-east-1");
            byte[] limit = new byte[S3Store.INLINE_MAX_BYTES];
            Arrays.fill(limit, (byte) 's');
            store.putObject("bucket", "at-limit", PutObjectOptions.defaults(), limit);
            byte[] over = Arrays.copyOf(limit, limit.length + 1);
            store.putObject("bucket", "over", PutObjectOptions.defaults(), over);
            try (ObjectRead small = store.getObject("bucket", "at-limit", GetObjectOptions.latest().withRange("bytes=1-3"))) {
                assertThat(small.file()).isEmpty();
                assertThat(small.bytes().orElseThrow().remaining()).isEqualTo(3);
                assertThat(small.stream().readAllBytes()).containsExactly('s', 's', 's');
            }
            try (ObjectRead big = store.getObject("bucket", "over", GetObjectOptions.latest())) {
                assertThat(big.file()).isPresent();
                assertThat(big.bytes()).isEmpty();
                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                big.transferTo(Channels.newChannel(sent));
                assertThat(sent.toByteArray()).isEqualTo(over);
            }
        }
        // A log whose small body never fully reached the disk (power cut): that record and what
        // follows are cut off at start-up.
        Path log = dir.resolve("buckets/bucket/objects.log");
        byte[] bytes = Files.readAllBytes(log);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int overEntry = text.lastIndexOf("{\"op\"", text.indexOf("\"key\":\"over\""));
        Files.write(log, Arrays.copyOf(bytes, overEntry - 10)); // Ten bytes short of at-limit's body.
        try (S3Store store = StoreFixture.open(dir)) {
            assertS3Error(() -> store.headObject("bucket", "at-limit", GetObjectOptions.latest()), "NoSuchKey");
            assertS3Error(() -> store.headObject("bucket", "over", GetObjectOptions.latest()), "NoSuchKey");
        }
    }

    @Test
    void concurrentWritersOfOneKeyEndWithOneWriterWhole() throws Exception {
        int writers = 8;
        int chunk = 64 * 1024;
        int chunks = 32;
        try (S3Store store = StoreFixture.open(dir);
             ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            store.createBucket("bucket", OWNER, "us-east-1");
            for (VersioningState state : List.of(VersioningState.UNVERSIONED, VersioningState.ENABLED)) {
                if (state == VersioningState.ENABLED) {
                    store.setVersioning("bucket", state);
                }
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<ObjectVersion>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    byte fill = (byte) ('A' + w);
                    results.add(pool.submit(() -> {
                        byte[] data = new byte[chunk];
                        Arrays.fill(data, fill);
                        start.await();
                        try (BodySink<ObjectVersion> sink = store.openPut("bucket", "contended", PutObjectOptions.defaults())) {
                            for (int c = 0; c < chunks; c++) {
                                sink.write(ByteBuffer.wrap(data));
                                Thread.yield();
                            }
                            return sink.commit();
                        }
                    }));
                }
                for (Future<ObjectVersion> result : results) {
                    assertThat(result.get().size()).isEqualTo((long) chunk * chunks);
                }
                byte[] stored;
                try (ObjectRead read = store.getObject("bucket", "contended", GetObjectOptions.latest())) {
                    stored = read.stream().readAllBytes();
                }
                assertThat(stored).hasSize(chunk * chunks);
                byte first = stored[0];
                assertThat(first).isBetween((byte) 'A', (byte) ('A' + writers - 1));
                for (byte b : stored) {
                    if (b != first) {
                        throw new AssertionError("mixed bytes of two writers in one object");
                    }
                }
                if (state == VersioningState.ENABLED) {
                    // Every writer's version is there, whole.
                    ListVersionsResult versions = store.listObjectVersions("bucket", new ListVersionsRequest("contended",
                            Optional.empty(), Optional.empty(), Optional.empty(), 1000));
                    assertThat(versions.versions().stream().filter(e -> !e.version().isNullVersion())).hasSize(writers);
                }
            }
        }
        try (Stream<Path> tmp = Files.list(dir.resolve("buckets/bucket/tmp"))) {
            assertThat(tmp.toList()).isEmpty();
        }
    }

    @Test
    void aWriterKilledMidBodyLeavesNoPartialObject() throws Exception {
        Path storeDir = dir.resolve("store");
        try (ForkedJvm child = ForkedJvm.start(List.of("-Xmx64m"), CrashWriterMain.class, storeDir.toString(), "large")) {
            child.awaitLine("COMMITTED");
            child.awaitLine("STREAMING");
            assertThat(list(storeDir.resolve("buckets/bucket/tmp"))).hasSize(1); // The body in progress.
            child.kill();
        }
        try (S3Store store = S3Store.open(storeDir, S3Store.Options.defaults())) {
            try (ObjectRead read = store.getObject("bucket", "committed", GetObjectOptions.latest())) {
                byte[] body = read.stream().readAllBytes();
                assertThat(body).hasSize(1024 * 1024);
                for (byte b : body) {
                    if (b != 'c') {
                        throw new AssertionError("committed object changed");
                    }
                }
            }
            assertS3Error(() -> store.headObject("bucket", "partial", GetObjectOptions.latest()), "NoSuchKey");
            assertThat(store.listObjectsV2("bucket", ListObjectsRequest.all()).contents())
                    .extracting(ObjectVersion::key).containsExactly("committed");
        }
        assertThat(list(storeDir.resolve("buckets/bucket/tmp"))).isEmpty();
    }

    @Test
    void everyAcknowledgedSmallPutSurvivesAKillDuringGroupCommits() throws Exception {
        Path storeDir = dir.resolve("store");
        List<String> acknowledged = new ArrayList<>();
        try (ForkedJvm child = ForkedJvm.start(List.of("-Xmx64m"), CrashWriterMain.class, storeDir.toString(), "small")) {
            while (acknowledged.size() < 400) {
                acknowledged.add(child.awaitLine("ACK ").substring(4));
            }
            child.kill();
        }
        try (S3Store store = S3Store.open(storeDir, S3Store.Options.defaults())) {
            for (String key : acknowledged) {
                assertThat(read(store, "bucket", key)).isEqualTo("body of " + key);
            }
            // Whatever else made it is whole too: the log holds no torn entry.
            for (ObjectVersion version : store.listObjectsV2("bucket", ListObjectsRequest.all()).contents()) {
                assertThat(read(store, "bucket", version.key())).isEqualTo("body of " + version.key());
            }
        }
    }

    @Test
    void anObjectLargerThanTheHeapStreamsThrough() throws Exception {
        int mib = Integer.getInteger("s3.bigObjectMiB", 256);
        try (ForkedJvm child = ForkedJvm.start(List.of("-Xmx64m"), BigObjectMain.class, dir.resolve("big").toString(),
                Integer.toString(mib))) {
            String result = child.awaitLine("OK");
            assertThat(result).startsWith("OK " + mib + " ");
            assertThat(child.waitFor(5)).isZero();
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
