package dev.haneul.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Chunk-signed S3 uploads ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, with a CRC32 trailer when
 * asked) made by the AWS SDK's own signer, as the SDK sends them over plain HTTP, where it signs
 * every chunk; kept as bytes, so a test can decode them, or change them after signing and send
 * them with the JDK's HTTP client, which no SDK client would let it do.
 */
public final class ChunkSignedUploads {

    /** Headers the JDK client sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect");
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-f]{64})");

    private ChunkSignedUploads() {}

    /**
     * A PUT of {@code payload} to {@code target} (an S3 object's URL) in us-east-1, signed with
     * {@code accessKey}/{@code secret} at {@code clock}'s time.
     */
    public static SignedUpload sign(URI target, String accessKey, String secret, byte[] payload, boolean trailer,
                                    Clock clock) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(target)
                .putHeader("Content-Length", Integer.toString(payload.length)).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> {
            r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock);
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
        return new SignedUpload(signed.request(), body.toByteArray(), payload);
    }

    /**
     * @param signed the signed request, without its body
     * @param body the aws-chunked body as signed
     * @param payload the bytes the body carries
     */
    public record SignedUpload(SdkHttpRequest signed, byte[] body, byte[] payload) {

        /** The signed request's headers, in order. */
        public List<Map.Entry<String, String>> headers() {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            signed.forEachHeader((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
            return headers;
        }

        /** The seed signature (the {@code Authorization} header's), which the chunks' signatures continue. */
        public String seedSignature() {
            Matcher signature = SIGNATURE.matcher(signed.firstMatchingHeader("Authorization").orElseThrow());
            if (!signature.find()) {
                throw new IllegalStateException("the SDK's Authorization header carries no signature");
            }
            return signature.group(1);
        }

        /** The signed request for the JDK's client, with {@code sentBody} (the signed body, or a changed copy). */
        public HttpRequest request(byte[] sentBody) {
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
