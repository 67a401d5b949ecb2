package dev.haneul.s3.wire;

import java.util.Optional;

/**
 * The {@code x-amz-content-sha256} values that announce an {@code aws-chunked} body, which the
 * body must then be decoded from ({@link AwsChunkedDecoder}).
 */
public enum StreamingPayload {
    /** Every chunk signed, chained from the request's seed signature; no trailer. */
    SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD", true, false),
    /** Signed chunks, then trailing headers (a checksum) with their own signature. */
    SIGNED_WITH_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", true, true),
    /** Unsigned chunks and a trailing checksum: what the AWS CLI and SDKs send over HTTPS since 2025. */
    UNSIGNED_WITH_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER", false, true);

    private final String headerValue;
    private final boolean signed;
    private final boolean trailers;

    StreamingPayload(String headerValue, boolean signed, boolean trailers) {
        this.headerValue = headerValue;
        this.signed = signed;
        this.trailers = trailers;
    }

    /** The mode announced by an {@code x-amz-content-sha256} value; empty for any other value. */
    public static Optional<StreamingPayload> of(String contentSha256) {
        for (StreamingPayload mode : values()) {
            if (mode.headerValue.equals(contentSha256.strip())) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public String headerValue() {
        return headerValue;
    }

    /** Whether chunks (and the trailer) carry signatures. */
    public boolean signed() {
        return signed;
    }

    /** Whether trailing headers follow the last chunk. */
    public boolean hasTrailers() {
        return trailers;
    }
}
