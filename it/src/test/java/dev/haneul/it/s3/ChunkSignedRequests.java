package dev.haneul.it.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Hand-made chunk-signed PutObject requests, signed by the AWS SDK's own signer (credentials
 * {@code test}/{@code test}) and sent with the JDK's HTTP client, so a test can change the body
 * after signing, which no SDK client would let it do.
 */
final class ChunkSignedRequests {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect");

    private ChunkSignedRequests() {}

    /** A signed PUT of {@code size} random bytes to {@code bucket/key}, with a CRC32 trailer when asked. */
    static SignedChunks sign(URI endpoint, String bucket, String key, int size, boolean trailer) {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT)
                .uri(endpoint.resolve("/" + bucket + "/" + key))
                .putHeader("Content-Length", Integer.toString(size)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create("test", "test"))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true);
            if (trailer) {
                r.putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32);
            }
        });
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = signed.payload().orElseThrow().newStream()) {
            in.transferTo(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SignedChunks(signed.request(), body.toByteArray(), payload);
    }

    /**
     * @param signed the signed request, without its body
     * @param body the aws-chunked body as signed
     * @param payload the bytes the body carries
     */
    record SignedChunks(SdkHttpRequest signed, byte[] body, byte[] payload) {

        /** The signed request with {@code sentBody} (the signed body, or a changed copy of it). */
        HttpRequest request(byte[] sentBody) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(signed.getUri())
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(sentBody));
            signed.forEachHeader((name, values) -> {
                if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
            return builder.build();
        }
    }
}
