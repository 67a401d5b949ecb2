package dev.haneul.s3.api;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ProtocolCodec;
import dev.haneul.core.protocol.ProtocolCodecs;
import dev.haneul.core.protocol.ShapeType;
import dev.haneul.core.protocol.WireResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XML root of every answer of every operation the provider implements, against the names S3
 * answers with (S3 API reference, each operation's "Response Syntax"). Operations that answer with
 * headers only have no body, which the table says with an empty name.
 */
class XmlRootsTest {

    private static final Map<String, String> S3_ROOTS = Map.ofEntries(
            entry("AbortMultipartUpload", ""),
            entry("CompleteMultipartUpload", "CompleteMultipartUploadResult"),
            entry("CopyObject", "CopyObjectResult"),
            entry("CreateBucket", ""),
            entry("CreateMultipartUpload", "InitiateMultipartUploadResult"),
            entry("DeleteBucket", ""),
            entry("DeleteBucketCors", ""),
            entry("DeleteBucketPolicy", ""),
            entry("DeleteBucketTagging", ""),
            entry("DeleteObject", ""),
            entry("DeleteObjectTagging", ""),
            entry("DeleteObjects", "DeleteResult"),
            entry("GetBucketAcl", "AccessControlPolicy"),
            entry("GetBucketCors", "CORSConfiguration"),
            entry("GetBucketEncryption", "ServerSideEncryptionConfiguration"),
            entry("GetBucketLifecycleConfiguration", "LifecycleConfiguration"),
            entry("GetBucketLocation", "LocationConstraint"),
            entry("GetBucketNotificationConfiguration", "NotificationConfiguration"),
            entry("GetBucketPolicy", ""), // The policy document itself, JSON.
            entry("GetBucketReplication", "ReplicationConfiguration"),
            entry("GetBucketTagging", "Tagging"),
            entry("GetBucketVersioning", "VersioningConfiguration"),
            entry("GetObject", ""), // The object.
            entry("GetObjectAcl", "AccessControlPolicy"),
            entry("GetObjectLockConfiguration", "ObjectLockConfiguration"),
            entry("GetObjectTagging", "Tagging"),
            entry("HeadBucket", ""),
            entry("HeadObject", ""),
            entry("ListBuckets", "ListAllMyBucketsResult"),
            entry("ListMultipartUploads", "ListMultipartUploadsResult"),
            entry("ListObjectVersions", "ListVersionsResult"),
            entry("ListObjects", "ListBucketResult"),
            entry("ListObjectsV2", "ListBucketResult"),
            entry("ListParts", "ListPartsResult"),
            entry("PutBucketCors", ""),
            entry("PutBucketPolicy", ""),
            entry("PutBucketTagging", ""),
            entry("PutBucketVersioning", ""),
            entry("PutObject", ""),
            entry("PutObjectTagging", ""),
            entry("UploadPart", ""),
            entry("UploadPartCopy", "CopyPartResult"));

    private static final Pattern ROOT = Pattern.compile("^(?:<\\?xml[^>]*\\?>)?\\s*<([A-Za-z0-9]+)[\\s/>]");

    @TempDir
    Path dir;

    @Test
    void everyImplementedOperationAnswersWithS3sRootElement() {
        S3Provider provider = new S3Provider(dir, Clock.systemUTC(), "000000000000");
        try {
            ProtocolCodec codec = ProtocolCodecs.forModel(S3Provider.MODEL, provider.protocolOptions());
            assertThat(S3_ROOTS.keySet()).as("the table covers every implemented operation")
                    .containsAll(provider.implemented());
            Map<String, String> actual = new LinkedHashMap<>();
            for (String name : provider.implemented()) {
                OperationModel operation = S3Provider.MODEL.operation(name).orElseThrow();
                actual.put(name, root(codec.encode(operation, sampleOutput(operation), "req-1")));
            }
            Map<String, String> expected = new LinkedHashMap<>();
            provider.implemented().forEach(name -> expected.put(name, S3_ROOTS.get(name)));
            assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
        } finally {
            provider.close();
        }
    }

    /** An empty output; a structure payload present but empty, so that its element is written. */
    private static Map<String, Object> sampleOutput(OperationModel operation) {
        Map<String, Object> output = new LinkedHashMap<>();
        Optional<Member> payload = operation.output().flatMap(shape -> shape.payloadMember());
        payload.filter(member -> member.shape().type() == ShapeType.STRUCTURE)
                .ifPresent(member -> output.put(member.name(), new LinkedHashMap<String, Object>()));
        return output;
    }

    private static String root(WireResponse response) {
        String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
        Matcher matcher = ROOT.matcher(body);
        return matcher.find() ? matcher.group(1) : "";
    }
}
