package dev.haneul.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 and the HMAC-SHA256 key derivation of SigV4:
 * {@code kDate = HMAC("AWS4" + secret, yyyyMMdd)}, {@code kRegion = HMAC(kDate, region)},
 * {@code kService = HMAC(kRegion, service)}, {@code kSigning = HMAC(kService, "aws4_request")},
 * signature = lower-case hex of {@code HMAC(kSigning, stringToSign)}. Every Java SE runtime must
 * provide both algorithms, so their absence is an {@link IllegalStateException}, not a failure
 * of the request.
 */
final class SigV4Crypto {

    private static final HexFormat HEX = HexFormat.of();

    private SigV4Crypto() {}

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /** The hex signature of {@code stringToSign} under the key derived from {@code secret} and the scope. */
    static String signature(String secret, String date, String region, String service, String stringToSign) {
        return SigV4SigningKey.derive(secret, date, region, service).sign(stringToSign);
    }

    /**
     * Compares two signatures in time that depends only on their length, so that a caller cannot
     * learn the expected signature byte by byte from response times.
     */
    static boolean sameSignature(String expected, String provided) {
        return MessageDigest.isEqual(expected.getBytes(UTF_8), provided.getBytes(UTF_8));
    }
}
