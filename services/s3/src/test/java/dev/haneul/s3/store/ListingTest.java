package dev.haneul.s3.store;

import static dev.haneul.s3.store.StoreFixture.OWNER;
import static dev.haneul.s3.store.StoreFixture.assertS3Error;
import static dev.haneul.s3.store.StoreFixture.put;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.s3.wire.S3UrlEncoding;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListObjectsV2, ListObjects and ListObjectVersions: order, delimiters, pages and tokens. */
class ListingTest {

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
    void keysAreListedInUtf8ByteOrder() throws IOException {
        // UTF-16 order would put U+10000 (a surrogate pair) before U+FFFD; UTF-8 order puts it after.
        List<String> keys = List.of("b", "a/c", "a", "\uFFFD", "\uD800\uDC00", "A", "a b", "a\0", "é", "~");
        for (String key : keys) {
            put(store, "bucket", key, key);
        }
        List<String> listed = store.listObjectsV2("bucket", ListObjectsRequest.all()).contents().stream()
                .map(ObjectVersion::key).toList();
        List<String> byBytes = new ArrayList<>(keys);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(UTF_8), y.getBytes(UTF_8)));
        assertThat(listed).isEqualTo(byBytes);
        assertThat(listed.indexOf("\uD800\uDC00")).isGreaterThan(listed.indexOf("\uFFFD"));
    }

    @Test
    void tenThousandKeysPageInOrderWithStableTokens() throws IOException {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10_500; i++) {
            String key = String.format("dir%02d/file-%05d", i % 13, i);
            expected.add(key);
            put(store, "bucket", key, "");
        }
        expected.sort(ObjectKeys.UTF8_ORDER);
        List<String> listed = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            ListObjectsResult page = store.listObjectsV2("bucket", new ListObjectsRequest("", Optional.empty(),
                    Optional.empty(), token, 1000));
            page.contents().forEach(v -> listed.add(v.key()));
            token = page.nextContinuationToken();
            assertThat(page.truncated()).isEqualTo(token.isPresent());
            assertThat(page.keyCount()).isLessThanOrEqualTo(1000);
            if (pages == 3) {
                // Changes between pages neither repeat nor skip keys after the token's position.
                put(store, "bucket", "dir00/file-00000-new", "");
                store.deleteObject("bucket", "zzz-absent", Optional.empty());
            }
            pages++;
        } while (token.isPresent());
        assertThat(pages).isEqualTo(11);
        assertThat(listed).doesNotHaveDuplicates().containsAll(expected);
        assertThat(listed).isSortedAccordingTo(ObjectKeys.UTF8_ORDER);

        ListObjectsResult prefixes = store.listObjectsV2("bucket", new ListObjectsRequest("", Optional.of("/"),
                Optional.empty(), Optional.empty(), 1000));
        assertThat(prefixes.contents()).isEmpty();
        assertThat(prefixes.commonPrefixes()).hasSize(13).first().isEqualTo("dir00/");
        assertThat(prefixes.keyCount()).isEqualTo(13);
    }

    @Test
    void delimiterPrefixAndStartAfter() throws IOException {
        for (String key : List.of("photos/2024/a.jpg", "photos/2024/b.jpg", "photos/2025/c.jpg", "photos/top.jpg",
                "readme", "test/foo/x", "test/foobar")) {
            put(store, "bucket", key, "");
        }
        ListObjectsResult root = list("", "/", null, 1000);
        assertThat(root.commonPrefixes()).containsExactly("photos/", "test/");
        assertThat(keys(root)).containsExactly("readme");

        ListObjectsResult photos = list("photos/", "/", null, 1000);
        assertThat(photos.commonPrefixes()).containsExactly("photos/2024/", "photos/2025/");
        assertThat(keys(photos)).containsExactly("photos/top.jpg");

        // Prefix=test/foo and Delimiter=/ gives the common prefix test/foo/.
        ListObjectsResult foo = list("test/foo", "/", null, 1000);
        assertThat(foo.commonPrefixes()).containsExactly("test/foo/");
        assertThat(keys(foo)).containsExactly("test/foobar");

        // Common prefixes not after start-after are dropped, with the keys under them.
        ListObjectsResult after = list("photos/", "/", "photos/2024/a.jpg", 1000);
        assertThat(after.commonPrefixes()).containsExactly("photos/2025/");
        assertThat(keys(list("", null, "photos/2025/c.jpg", 1000))).containsExactly("photos/top.jpg", "readme",
                "test/foo/x", "test/foobar");

        // Pages of one under a delimiter: a prefix is one entry and the next page resumes after it.
        List<String> entries = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ListObjectsResult page = store.listObjectsV2("bucket", new ListObjectsRequest("", Optional.of("/"),
                    Optional.empty(), token, 1));
            entries.addAll(page.commonPrefixes());
            entries.addAll(keys(page));
            assertThat(page.keyCount()).isEqualTo(1);
            token = page.nextContinuationToken();
        } while (token.isPresent());
        assertThat(entries).containsExactly("photos/", "readme", "test/");

        // v1: NextMarker only with a delimiter; a marker that is a common prefix resumes after it.
        ListObjectsResult v1 = store.listObjects("bucket", new ListObjectsRequest("", Optional.of("/"), Optional.empty(),
                Optional.empty(), 1));
        assertThat(v1.nextMarker()).contains("photos/");
        ListObjectsResult v1next = store.listObjects("bucket", new ListObjectsRequest("", Optional.of("/"),
                v1.nextMarker(), Optional.empty(), 1));
        assertThat(keys(v1next)).containsExactly("readme");
        assertThat(store.listObjects("bucket", new ListObjectsRequest("", Optional.empty(), Optional.empty(),
                Optional.empty(), 1)).nextMarker()).isEmpty();

        ListObjectsResult none = list("", null, null, 0);
        assertThat(none.keyCount()).isZero();
        assertThat(none.truncated()).isFalse();
    }

    @Test
    void deleteMarkersHideKeysFromListingsButNotFromVersions() throws IOException {
        store.setVersioning("bucket", VersioningState.ENABLED);
        ObjectVersion a1 = put(store, "bucket", "a", "1");
        ObjectVersion a2 = put(store, "bucket", "a", "2");
        put(store, "bucket", "b", "1");
        DeleteResult marker = store.deleteObject("bucket", "b", Optional.empty());
        put(store, "bucket", "c/d", "1");
        assertThat(keys(list("", null, null, 1000))).containsExactly("a", "c/d");

        ListVersionsResult all = store.listObjectVersions("bucket", ListVersionsRequest.all());
        assertThat(all.versions()).extracting(e -> e.version().key() + ":" + e.version().versionId() + ":" + e.latest()
                + ":" + e.version().deleteMarker()).containsExactly(
                "a:" + a2.versionId() + ":true:false", "a:" + a1.versionId() + ":false:false",
                "b:" + marker.versionId().orElseThrow() + ":true:true",
                "b:" + all.versions().get(3).version().versionId() + ":false:false",
                "c/d:" + all.versions().get(4).version().versionId() + ":true:false");

        // Pages of two resume with key-marker and version-id-marker.
        List<String> paged = new ArrayList<>();
        Optional<String> keyMarker = Optional.empty();
        Optional<String> versionMarker = Optional.empty();
        while (true) {
            ListVersionsResult page = store.listObjectVersions("bucket", new ListVersionsRequest("", Optional.empty(),
                    keyMarker, versionMarker, 2));
            page.versions().forEach(e -> paged.add(e.version().versionId()));
            if (!page.truncated()) {
                break;
            }
            keyMarker = page.nextKeyMarker();
            versionMarker = page.nextVersionIdMarker();
        }
        assertThat(paged).isEqualTo(all.versions().stream().map(e -> e.version().versionId()).toList());

        ListVersionsResult byPrefix = store.listObjectVersions("bucket", new ListVersionsRequest("", Optional.of("/"),
                Optional.empty(), Optional.empty(), 1000));
        assertThat(byPrefix.commonPrefixes()).containsExactly("c/");
        assertThat(assertS3Error(() -> new ListVersionsRequest("", Optional.empty(), Optional.empty(),
                Optional.of("abc"), 10), "InvalidArgument").getMessage())
                .isEqualTo("A version-id marker cannot be specified without a key marker.");
    }

    @Test
    void tokensAreOpaqueAndCheckedAndKeysEncodeForUrls() {
        assertThat(ContinuationTokens.decode(ContinuationTokens.encode("a/b é"))).isEqualTo("a/b é");
        String token = ContinuationTokens.encode("photos/");
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "B" : "A") + token.charAt(token.length() - 1);
        for (String bad : List.of("", "garbage!", tampered, "AAAA")) {
            assertThat(assertS3Error(() -> store.listObjectsV2("bucket", new ListObjectsRequest("", Optional.empty(),
                    Optional.empty(), Optional.of(bad), 10)), "InvalidArgument").getMessage())
                    .isEqualTo("The continuation token provided is incorrect");
        }
        assertThat(S3UrlEncoding.encode("a b/c+d%é\u0001~*")).isEqualTo("a+b/c%2Bd%25%C3%A9%01~*");
        assertThat(S3UrlEncoding.encode("plain/key.txt")).isEqualTo("plain/key.txt");
    }

    @Test
    void successorSkipsEveryKeyUnderAPrefix() {
        assertThat(ObjectKeys.successor("a/")).isEqualTo("a0");
        assertThat(ObjectKeys.successor("a\uD7FF")).isEqualTo("a\uE000");
        assertThat(ObjectKeys.successor("a\uDBFF\uDFFF")).isEqualTo("b");
        assertThat(ObjectKeys.successor("\uDBFF\uDFFF")).isNull();
        assertThat(ObjectKeys.UTF8_ORDER.compare("a/\uDBFF\uDFFFzz", ObjectKeys.successor("a/"))).isNegative();
    }

    private ListObjectsResult list(String prefix, String delimiter, String startAfter, int max) {
        return store.listObjectsV2("bucket", new ListObjectsRequest(prefix, Optional.ofNullable(delimiter),
                Optional.ofNullable(startAfter), Optional.empty(), max));
    }

    private static List<String> keys(ListObjectsResult result) {
        return result.contents().stream().map(ObjectVersion::key).toList();
    }
}
