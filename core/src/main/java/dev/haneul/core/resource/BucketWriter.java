package dev.haneul.core.resource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * What another service may do with S3's buckets: learn whether a bucket exists and who owns it,
 * and put an object in it, as AWS services that deliver logs to a customer's bucket do (WAF's
 * {@code aws-waf-logs-…} destinations; ALB access logs could follow). S3 publishes one instance in
 * the {@link ResourceRegistry} under {@link #ARN}; a consumer finds it there, and does without
 * when S3 is not running. Thread-safe; {@link #put} blocks on disk I/O: call it from a virtual
 * thread, never an event loop.
 */
public interface BucketWriter {

    /** The registry ARN S3 publishes its writer under: S3's, with no bucket. */
    String ARN = "arn:aws:s3:::";

    /** The account that owns {@code bucket}, or empty when there is no such bucket. */
    Optional<String> owner(String bucket);

    /**
     * Stores {@code body} ({@code length} bytes) as the object {@code key} of {@code bucket}, as a
     * {@code PutObject} would, replacing an object of that key.
     *
     * @throws IOException the bucket is gone, or the store could not write
     */
    void put(String bucket, String key, InputStream body, long length, String contentType) throws IOException;
}
