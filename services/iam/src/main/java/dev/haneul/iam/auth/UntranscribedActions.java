package dev.haneul.iam.auth;

import java.util.List;
import java.util.Map;

/**
 * The IAM action and resource of a call to a service whose action table is not transcribed yet
 * (S3, WAFv2): rather than let any caller through, the call is authorized as
 * {@code <prefix>:<Operation>} (S3's operations that need another action name theirs, from
 * ../shared/reference/iam-sts-s3.md §6.4), on the bucket or object ARN for S3 and on {@code *}
 * otherwise. Condition keys of the service itself are not set.
 */
final class UntranscribedActions {

    /** S3 API operations whose IAM action is not their own name (reference §6.4). */
    private static final Map<String, List<String>> S3 = Map.ofEntries(
            Map.entry("ListBuckets", List.of("s3:ListAllMyBuckets")),
            Map.entry("HeadBucket", List.of("s3:ListBucket")),
            Map.entry("ListObjects", List.of("s3:ListBucket")),
            Map.entry("ListObjectsV2", List.of("s3:ListBucket")),
            Map.entry("ListObjectVersions", List.of("s3:ListBucketVersions")),
            Map.entry("HeadObject", List.of("s3:GetObject")),
            Map.entry("CreateMultipartUpload", List.of("s3:PutObject")),
            Map.entry("UploadPart", List.of("s3:PutObject")),
            Map.entry("CompleteMultipartUpload", List.of("s3:PutObject")),
            Map.entry("CopyObject", List.of("s3:PutObject")),
            Map.entry("UploadPartCopy", List.of("s3:PutObject")),
            Map.entry("DeleteObjects", List.of("s3:DeleteObject")),
            Map.entry("ListParts", List.of("s3:ListMultipartUploadParts")),
            Map.entry("ListMultipartUploads", List.of("s3:ListBucketMultipartUploads")));

    private UntranscribedActions() {}

    static List<String> actionsFor(String prefix, String operation) {
        if (prefix.equals("s3")) {
            return S3.getOrDefault(operation, List.of("s3:" + operation));
        }
        return List.of(prefix + ":" + operation);
    }

    static String resource(String prefix, String operation, Map<String, Object> input) {
        if (!prefix.equals("s3") || operation.equals("ListBuckets")) {
            return "*";
        }
        Object bucket = input.get("Bucket");
        if (!(bucket instanceof String name) || name.isEmpty()) {
            return "*";
        }
        Object key = input.get("Key");
        return key instanceof String k && !k.isEmpty() ? "arn:aws:s3:::" + name + "/" + k : "arn:aws:s3:::" + name;
    }
}
