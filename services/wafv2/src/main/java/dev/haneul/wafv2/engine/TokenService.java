package dev.haneul.wafv2.engine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code aws-waf-token} cookie of CAPTCHA and Challenge actions. A token records when the
 * client last solved a CAPTCHA and a challenge, signed with this process's key:
 * {@code v1.<captchaEpochSec>.<challengeEpochSec>.<hmac>}. The interstitial page gets a signed
 * nonce, makes the browser find a proof of work for it (the challenge; the CAPTCHA adds a click)
 * and posts the answer to {@link #VERIFY_PATH}, which sets the cookie. Tokens do not outlive the
 * process (AWS's do not outlive their immunity time either).
 */
final class TokenService {

    static final String COOKIE = "aws-waf-token";
    /** Where the interstitial posts its answer; answered by the web ACL itself, never routed. */
    static final String VERIFY_PATH = "/.haneul/waf/verify";
    /** Leading zero hex digits the proof of work's SHA-256 must have (16 bits: ~65k hashes in JS). */
    static final int WORK_ZEROS = 4;
    /** How long a nonce stays good. */
    private static final long NONCE_SECONDS = 600;

    private static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private TokenService() {
    }

    /** A solved token's times (epoch seconds, 0 = never). */
    record Token(long captchaSolved, long challengeSolved) {
    }

    static String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.ISO_8859_1)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(long captchaSolved, long challengeSolved) {
        String payload = "v1." + captchaSolved + "." + challengeSolved;
        return payload + "." + sign(payload);
    }

    /** The token in a request's cookies; null when absent; a token with both times 0 when invalid. */
    static @Nullable Token read(RequestView r) {
        List<String> cookies = r.cookies();
        for (int i = 0; i < cookies.size(); i += 2) {
            if (cookies.get(i).equals(COOKIE)) {
                return parse(cookies.get(i + 1));
            }
        }
        return null;
    }

    static Token parse(String value) {
        int lastDot = value.lastIndexOf('.');
        if (lastDot < 0 || !value.startsWith("v1.")) {
            return new Token(0, 0);
        }
        String payload = value.substring(0, lastDot);
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.ISO_8859_1),
                value.substring(lastDot + 1).getBytes(StandardCharsets.ISO_8859_1))) {
            return new Token(0, 0);
        }
        String[] parts = payload.split("\\.");
        try {
            return new Token(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            return new Token(0, 0);
        }
    }

    /** A nonce for an interstitial: {@code <epochSec>.<sig>}. */
    static String nonce(long nowSeconds) {
        return nowSeconds + "." + sign("nonce." + nowSeconds);
    }

    /**
     * Checks a posted answer: the nonce is ours and recent, and SHA-256 of {@code nonce + ":" + work}
     * starts with {@value #WORK_ZEROS} zero hex digits.
     */
    static boolean verify(String nonce, String work, long nowSeconds) {
        int dot = nonce.indexOf('.');
        if (dot < 0) {
            return false;
        }
        long issued;
        try {
            issued = Long.parseLong(nonce.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        if (nowSeconds - issued > NONCE_SECONDS || issued > nowSeconds + 5
                || !MessageDigest.isEqual(sign("nonce." + issued).getBytes(StandardCharsets.ISO_8859_1),
                        nonce.substring(dot + 1).getBytes(StandardCharsets.ISO_8859_1))) {
            return false;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((nonce + ":" + work).getBytes(StandardCharsets.ISO_8859_1));
            String hex = HexFormat.of().formatHex(hash);
            return hex.startsWith("0".repeat(WORK_ZEROS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
