package dev.haneul.iam.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What S3 authorizes that depends on the request, not just the operation (which the action table
 * holds): a {@code versionId} turns an object action into its {@code …Version} form
 * ({@code GetObject} → {@code s3:GetObjectVersion}); a copy also reads its source
 * ({@code s3:GetObject} on {@code x-amz-copy-source}); a multi-object delete deletes each key,
 * each decided on its own (a denied key is reported in the result, the others are deleted).
 * Source: ../shared/reference/iam-sts-s3.md §6.4, the S3 user guide's "Required permissions for
 * Amazon S3 API operations".
 */
final class S3Requests {

    /**
     * One action on one resource to decide.
     *
     * @param item the position of the item of a batch it is about (a key of DeleteObjects), whose
     *     denial refuses only that item; {@link #WHOLE_REQUEST} when a denial refuses the request
     */
    record Check(String action, String resource, int item) {

        static final int WHOLE_REQUEST = -1;

        Check(String action, String resource) {
            this(action, resource, WHOLE_REQUEST);
        }
    }

    /** The object actions that have a {@code …Version} form, taken when the request names a version. */
    private static final Map<String, String> VERSIONED = Map.of(
            "s3:GetObject", "s3:GetObjectVersion",
            "s3:DeleteObject", "s3:DeleteObjectVersion",
            "s3:GetObjectTagging", "s3:GetObjectVersionTagging",
            "s3:PutObjectTagging", "s3:PutObjectVersionTagging",
            "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging",
            "s3:GetObjectAcl", "s3:GetObjectVersionAcl");

    private S3Requests() {}

    /** {@code checks} (the table's, for {@code operation}) as S3 decides them for this request. */
    static List<Check> adjust(String operation, Map<String, Object> input, List<Check> checks) {
        String bucket = text(input.get("Bucket"));
        if (operation.equals("DeleteObjects")) {
            return deletedKeys(bucket, input);
        }
        List<Check> out = new ArrayList<>();
        boolean versioned = !text(input.get("VersionId")).isEmpty();
        for (Check check : checks) {
            String action = versioned ? VERSIONED.getOrDefault(check.action(), check.action()) : check.action();
            out.add(new Check(action, check.resource(), check.item()));
        }
        if (operation.equals("CopyObject") || operation.equals("UploadPartCopy")) {
            String source = text(input.get("CopySource"));
            if (!source.isEmpty()) {
                out.add(copySource(source, input));
            }
        }
        return out;
    }

    /** {@code s3:DeleteObject} (or {@code …Version}) on every key of the request's {@code Delete} list. */
    private static List<Check> deletedKeys(String bucket, Map<String, Object> input) {
        List<Check> out = new ArrayList<>();
        if (input.get("Delete") instanceof Map<?, ?> delete && delete.get("Objects") instanceof List<?> objects) {
            for (int position = 0; position < objects.size(); position++) {
                if (objects.get(position) instanceof Map<?, ?> object) {
                    String action = text(object.get("VersionId")).isEmpty() ? "s3:DeleteObject"
                            : "s3:DeleteObjectVersion";
                    out.add(new Check(action, "arn:aws:s3:::" + bucket + "/" + text(object.get("Key")), position));
                }
            }
        }
        if (out.isEmpty()) {
            out.add(new Check("s3:DeleteObject", "arn:aws:s3:::" + bucket + "/*"));
        }
        return out;
    }

    /** The read of a copy's source: {@code bucket/key} or {@code /bucket/key}, URL-encoded, maybe {@code ?versionId=}. */
    private static Check copySource(String header, Map<String, Object> input) {
        String source = header;
        boolean versioned = !text(input.get("CopySourceVersionId")).isEmpty();
        int question = source.indexOf("?versionId=");
        if (question >= 0) {
            versioned = true;
            source = source.substring(0, question);
        }
        source = URLDecoder.decode(source.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (source.startsWith("/")) {
            source = source.substring(1);
        }
        return new Check(versioned ? "s3:GetObjectVersion" : "s3:GetObject", "arn:aws:s3:::" + source);
    }

    private static String text(@Nullable Object value) {
        return value instanceof String s ? s : "";
    }
}
