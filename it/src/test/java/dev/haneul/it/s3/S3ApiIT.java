package dev.haneul.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.haneul.testing.HaneulExtension;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3 through the AWS SDK for Java v2: buckets, objects, listings, copies, multipart uploads, versioning, tags. */
class S3ApiIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = haneul.client(S3Client.builder().forcePathStyle(true));
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void bucketsAreCreatedListedAndDeletedOnlyWhenEmpty() {
        s3.createBucket(b -> b.bucket("life-cycle"));
        assertThat(s3.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo("life-cycle"));
        s3.headBucket(h -> h.bucket("life-cycle"));
        assertThat(s3.getBucketLocation(g -> g.bucket("life-cycle")).locationConstraintAsString()).isNullOrEmpty();
        s3.putObject(p -> p.bucket("life-cycle").key("a"), RequestBody.fromString("a"));
        S3Exception notEmpty = catchThrowableOfType(S3Exception.class, () -> s3.deleteBucket(d -> d.bucket("life-cycle")));
        assertThat(notEmpty.awsErrorDetails().errorCode()).isEqualTo("BucketNotEmpty");
        assertThat(notEmpty.statusCode()).isEqualTo(409);
        s3.deleteObject(d -> d.bucket("life-cycle").key("a"));
        s3.deleteBucket(d -> d.bucket("life-cycle"));
        assertThat(catchThrowableOfType(NoSuchBucketException.class, () -> s3.listObjectsV2(l -> l.bucket("life-cycle"))))
                .isNotNull();
    }

    @Test
    void objectsComeBackWithMetadataRangesAndConditions() {
        s3.createBucket(b -> b.bucket("objects"));
        s3.putObject(p -> p.bucket("objects").key("dir/hello world.txt").contentType("text/plain")
                .metadata(Map.of("colour", "blue")).storageClass("STANDARD_IA"), RequestBody.fromString("hello, sky"));

        ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(g -> g.bucket("objects").key("dir/hello world.txt"));
        assertThat(whole.asUtf8String()).isEqualTo("hello, sky");
        assertThat(whole.response().contentType()).isEqualTo("text/plain");
        assertThat(whole.response().metadata()).containsEntry("colour", "blue");
        assertThat(whole.response().storageClassAsString()).isEqualTo("STANDARD_IA");
        assertThat(whole.response().eTag()).isEqualTo("\"" + md5Hex("hello, sky") + "\"");

        ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(g -> g.bucket("objects").key("dir/hello world.txt")
                .range("bytes=7-"));
        assertThat(range.asUtf8String()).isEqualTo("sky");
        assertThat(range.response().contentRange()).isEqualTo("bytes 7-9/10");

        ResponseBytes<GetObjectResponse> overridden = s3.getObjectAsBytes(g -> g.bucket("objects")
                .key("dir/hello world.txt").responseContentType("application/x-sky"));
        assertThat(overridden.response().contentType()).isEqualTo("application/x-sky");

        S3Exception failed = catchThrowableOfType(S3Exception.class, () -> s3.getObjectAsBytes(g -> g.bucket("objects")
                .key("dir/hello world.txt").ifMatch("\"nope\"")));
        assertThat(failed.statusCode()).isEqualTo(412);

        S3Exception notModified = catchThrowableOfType(S3Exception.class, () -> s3.getObjectAsBytes(g -> g.bucket("objects")
                .key("dir/hello world.txt").ifNoneMatch(whole.response().eTag())));
        assertThat(notModified.statusCode()).isEqualTo(304);

        S3Exception badRange = catchThrowableOfType(S3Exception.class, () -> s3.getObjectAsBytes(g -> g.bucket("objects")
                .key("dir/hello world.txt").range("bytes=100-200")));
        assertThat(badRange.awsErrorDetails().errorCode()).isEqualTo("InvalidRange");

        HeadObjectResponse head = s3.headObject(h -> h.bucket("objects").key("dir/hello world.txt"));
        assertThat(head.contentLength()).isEqualTo(10L);

        assertThat(catchThrowableOfType(NoSuchKeyException.class, () -> s3.getObjectAsBytes(g -> g.bucket("objects")
                .key("missing")))).isNotNull();
    }

    @Test
    void listingsPageWithPrefixesAndDelimiters() {
        s3.createBucket(b -> b.bucket("listing"));
        for (String key : List.of("a/1", "a/2", "b/1", "c", "d")) {
            s3.putObject(p -> p.bucket("listing").key(key), RequestBody.fromString(key));
        }
        ListObjectsV2Response top = s3.listObjectsV2(l -> l.bucket("listing").delimiter("/"));
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("c", "d");
        assertThat(top.commonPrefixes()).extracting(p -> p.prefix()).containsExactly("a/", "b/");

        List<String> keys = new ArrayList<>();
        s3.listObjectsV2Paginator(l -> l.bucket("listing").maxKeys(2)).contents().forEach(o -> keys.add(o.key()));
        assertThat(keys).containsExactly("a/1", "a/2", "b/1", "c", "d");

        assertThat(s3.listObjects(l -> l.bucket("listing").prefix("a/")).contents()).extracting(S3Object::key)
                .containsExactly("a/1", "a/2");
    }

    @Test
    void copiesKeepOrReplaceMetadata() {
        s3.createBucket(b -> b.bucket("copies"));
        s3.putObject(p -> p.bucket("copies").key("src").metadata(Map.of("k", "v")), RequestBody.fromString("data"));
        s3.copyObject(c -> c.sourceBucket("copies").sourceKey("src").destinationBucket("copies").destinationKey("kept"));
        assertThat(s3.headObject(h -> h.bucket("copies").key("kept")).metadata()).containsEntry("k", "v");
        s3.copyObject(c -> c.sourceBucket("copies").sourceKey("src").destinationBucket("copies").destinationKey("new")
                .metadataDirective(MetadataDirective.REPLACE).metadata(Map.of("x", "y")));
        assertThat(s3.headObject(h -> h.bucket("copies").key("new")).metadata()).containsOnlyKeys("x");
        assertThat(s3.getObjectAsBytes(g -> g.bucket("copies").key("new")).asUtf8String()).isEqualTo("data");
    }

    @Test
    void multipartUploadsAssembleWithAwsEtags() {
        s3.createBucket(b -> b.bucket("multipart"));
        String uploadId = s3.createMultipartUpload(c -> c.bucket("multipart").key("big")).uploadId();
        byte[] part1 = new byte[5 * 1024 * 1024];
        Arrays.fill(part1, (byte) 'x');
        byte[] part2 = "tail".getBytes(StandardCharsets.UTF_8);
        String etag1 = s3.uploadPart(u -> u.bucket("multipart").key("big").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part1)).eTag();
        String etag2 = s3.uploadPart(u -> u.bucket("multipart").key("big").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(part2)).eTag();
        assertThat(s3.listParts(l -> l.bucket("multipart").key("big").uploadId(uploadId)).parts()).hasSize(2);
        String etag = s3.completeMultipartUpload(c -> c.bucket("multipart").key("big").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build()))).eTag();
        assertThat(etag).endsWith("-2\"");
        assertThat(s3.headObject(h -> h.bucket("multipart").key("big")).contentLength())
                .isEqualTo(part1.length + part2.length);

        String small = s3.createMultipartUpload(c -> c.bucket("multipart").key("small")).uploadId();
        String s1 = s3.uploadPart(u -> u.bucket("multipart").key("small").uploadId(small).partNumber(1),
                RequestBody.fromString("tiny")).eTag();
        String s2 = s3.uploadPart(u -> u.bucket("multipart").key("small").uploadId(small).partNumber(2),
                RequestBody.fromString("tiny")).eTag();
        S3Exception tooSmall = catchThrowableOfType(S3Exception.class, () -> s3.completeMultipartUpload(c -> c
                .bucket("multipart").key("small").uploadId(small).multipartUpload(m -> m.parts(
                        CompletedPart.builder().partNumber(1).eTag(s1).build(),
                        CompletedPart.builder().partNumber(2).eTag(s2).build()))));
        assertThat(tooSmall.awsErrorDetails().errorCode()).isEqualTo("EntityTooSmall");
        s3.abortMultipartUpload(a -> a.bucket("multipart").key("small").uploadId(small));
        assertThat(s3.listMultipartUploads(l -> l.bucket("multipart")).uploads()).isEmpty();
    }

    @Test
    void versioningKeepsEveryVersionAndDeleteMarkers() {
        s3.createBucket(b -> b.bucket("versions"));
        s3.putBucketVersioning(v -> v.bucket("versions").versioningConfiguration(c -> c.status(BucketVersioningStatus.ENABLED)));
        String v1 = s3.putObject(p -> p.bucket("versions").key("k"), RequestBody.fromString("one")).versionId();
        s3.putObject(p -> p.bucket("versions").key("k"), RequestBody.fromString("two"));
        s3.deleteObject(d -> d.bucket("versions").key("k"));
        ListObjectVersionsResponse versions = s3.listObjectVersions(l -> l.bucket("versions"));
        assertThat(versions.versions()).hasSize(2);
        assertThat(versions.deleteMarkers()).hasSize(1);
        assertThat(s3.getObjectAsBytes(g -> g.bucket("versions").key("k").versionId(v1)).asUtf8String()).isEqualTo("one");
        assertThat(s3.getBucketVersioning(g -> g.bucket("versions")).status()).isEqualTo(BucketVersioningStatus.ENABLED);

        // The latest version is a delete marker: 404 NoSuchKey that says so in its headers.
        String marker = versions.deleteMarkers().get(0).versionId();
        NoSuchKeyException deleted = catchThrowableOfType(NoSuchKeyException.class,
                () -> s3.getObjectAsBytes(g -> g.bucket("versions").key("k")));
        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(deleted.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).contains("true");
        assertThat(deleted.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-version-id")).contains(marker);
        // The marker's own version cannot be read: 405, with the marker headers and what is allowed.
        S3Exception onMarker = catchThrowableOfType(S3Exception.class,
                () -> s3.getObjectAsBytes(g -> g.bucket("versions").key("k").versionId(marker)));
        assertThat(onMarker.statusCode()).isEqualTo(405);
        assertThat(onMarker.awsErrorDetails().errorCode()).isEqualTo("MethodNotAllowed");
        assertThat(onMarker.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-delete-marker")).contains("true");
        assertThat(onMarker.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Allow")).contains("DELETE");
    }

    @Test
    void tagsPoliciesAndCorsAreKept() {
        s3.createBucket(b -> b.bucket("configured"));
        s3.putObject(p -> p.bucket("configured").key("k").tagging("a=1&b=2"), RequestBody.fromString("x"));
        assertThat(s3.getObjectTagging(g -> g.bucket("configured").key("k")).tagSet()).hasSize(2);
        s3.putBucketTagging(p -> p.bucket("configured").tagging(t -> t.tagSet(tag -> tag.key("team").value("sky"))));
        assertThat(s3.getBucketTagging(g -> g.bucket("configured")).tagSet()).hasSize(1);
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::configured/*\"}]}";
        s3.putBucketPolicy(p -> p.bucket("configured").policy(policy));
        assertThat(s3.getBucketPolicy(g -> g.bucket("configured")).policy()).isEqualTo(policy);
        s3.putBucketCors(p -> p.bucket("configured").corsConfiguration(c -> c.corsRules(r -> r.allowedMethods("GET")
                .allowedOrigins("http://example.com").maxAgeSeconds(60))));
        assertThat(s3.getBucketCors(g -> g.bucket("configured")).corsRules()).singleElement()
                .satisfies(rule -> assertThat(rule.maxAgeSeconds()).isEqualTo(60));
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
