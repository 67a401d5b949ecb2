package dev.haneul.s3.api;

import dev.haneul.core.resource.BucketWriter;
import dev.haneul.s3.error.S3Exception;
import dev.haneul.s3.store.ObjectMetadata;
import dev.haneul.s3.store.PutObjectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/**
 * S3's {@link BucketWriter}, published for services that deliver objects to a customer's bucket
 * (WAF logs): a PutObject straight into the store, counted like one in the bucket's usage.
 */
final class S3BucketWriter implements BucketWriter {

    private final S3Provider provider;

    S3BucketWriter(S3Provider provider) {
        this.provider = provider;
    }

    @Override
    public Optional<String> owner(String bucket) {
        try {
            return Optional.of(provider.store().bucket(bucket).owner());
        } catch (S3Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String bucket, String key, InputStream body, long length, String contentType) throws IOException {
        PutObjectOptions options = PutObjectOptions.defaults()
                .withMetadata(new ObjectMetadata(Map.of("Content-Type", contentType), "STANDARD", Map.of()));
        try {
            provider.store().putObject(bucket, key, options, body);
        } catch (S3Exception e) {
            throw new IOException("s3 - cannot put " + key + " in " + bucket + ": " + e.getMessage(), e);
        }
        provider.store().accounting().record(bucket, S3Provider.requestClass("PutObject"), length, 0);
    }
}
