package dev.haneul.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The derived SigV4 signing key of one credential scope ({@code kSigning}, see {@link SigV4Crypto}),
 * for signatures that are chained after the request's own: S3's aws-chunked uploads sign every
 * chunk and the trailer with the same key, each string to sign naming the previous signature.
 * Deriving once per request saves four HMACs per chunk. Immutable and thread-safe; the key bytes
 * never leave it.
 */
public final class SigV4SigningKey {

    private static final String HMAC_SHA256 = "HmacSHA256";

    private final SecretKeySpec key;
    private final String scope;

    private SigV4SigningKey(SecretKeySpec key, String scope) {
        this.key = key;
        this.scope = scope;
    }

    /** The key of {@code secret} for {@code date} ({@code yyyyMMdd}), {@code region} and {@code service}. */
    public static SigV4SigningKey derive(String secret, String date, String region, String service) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            byte[] key = hmac(mac, ("AWS4" + secret).getBytes(UTF_8), date);
            key = hmac(mac, key, region);
            key = hmac(mac, key, service);
            key = hmac(mac, key, SigV4Authorization.TERMINATOR);
            return new SigV4SigningKey(new SecretKeySpec(key, HMAC_SHA256),
                    date + '/' + region + '/' + service + '/' + SigV4Authorization.TERMINATOR);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC_SHA256 + " is not available in this Java runtime", e);
        }
    }

    /** {@code date/region/service/aws4_request}. */
    public String scope() {
        return scope;
    }

    /** The lower-case hex signature of {@code stringToSign}. */
    public String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(HMAC_SHA256 + " is not available in this Java runtime", e);
        }
    }

    /** Compares signatures in time that depends only on their length. */
    public static boolean sameSignature(String expected, String provided) {
        return SigV4Crypto.sameSignature(expected, provided);
    }

    @Override
    public String toString() {
        return "SigV4SigningKey[" + scope + ']'; // Never the key.
    }

    private static byte[] hmac(Mac mac, byte[] key, String data) throws GeneralSecurityException {
        mac.init(new SecretKeySpec(key, HMAC_SHA256));
        return mac.doFinal(data.getBytes(UTF_8));
    }
}
