package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals and opens the values of a load balancer's stickiness cookies ({@code AWSALB},
 * {@code AWSALBCORS}, {@code AWSALBAPP-0}, {@code AWSALBTG}): which target (or target group) a
 * client sticks to, and until when.
 *
 * <p>A value is one AES-128 block, encrypted with the load balancer's own key and written as 22
 * characters of unpadded base64url:
 * <pre>
 *  byte  0      kind (lb_cookie, app_cookie, target group)
 *  bytes 1-4    scope: a hash of the target group (or of the forward action) the value is for
 *  bytes 5-10   subject: a 48-bit hash of the target (id:port) or of the chosen target group ARN
 *  bytes 11-14  expiry, epoch seconds (unsigned)
 *  byte  15     check: XOR of bytes 0-14
 * </pre>
 * A block cipher scrambles the whole block when any bit of the ciphertext changes, so a client
 * that edits a value gets a random plaintext, whose kind, scope and check all have to come out
 * right by chance (one in 2<sup>48</sup>) before it could even name a target, and it cannot name
 * one on purpose without the key. Values are deterministic, which lets each I/O thread cache the
 * value it sends for a target during one second instead of encrypting once per response; a
 * deterministic value only reveals that two responses stick to the same target, which the
 * {@code Set-Cookie} header reveals anyway.
 *
 * <p>Thread-safe: each thread uses its own {@link Cipher} and caches.
 */
public final class StickinessCookieCodec {

    /** What a value points at. */
    public enum Kind {
        LB_COOKIE(1), APP_COOKIE(2), TARGET_GROUP(3);

        private final byte code;

        Kind(int code) {
            this.code = (byte) code;
        }
    }

    private static final int BLOCK = 16;
    private static final int ENCODED_LENGTH = 22;
    private static final int CACHE_SIZE = 64;
    private static final long SUBJECT_MASK = (1L << 48) - 1;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final ThreadLocal<PerThread> perThread;

    public StickinessCookieCodec(byte[] key) {
        requireNonNull(key, "key");
        if (key.length != BLOCK) {
            throw new IllegalArgumentException("key: " + key.length + " bytes (expected: 16)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.perThread = ThreadLocal.withInitial(() -> new PerThread(this.key));
    }

    /** The 48-bit subject of a target ({@code id:port}) or of a target group ARN. */
    public static long subject(String name) {
        return mix64(name) & SUBJECT_MASK;
    }

    /** The 32-bit scope of a target group ARN or of a forward action. */
    public static int scope(String name) {
        return (int) (mix64(name) >>> 32);
    }

    /** The cookie value for {@code subject} in {@code scope}, valid until {@code expiresAtSecond}. */
    public String encode(Kind kind, int scope, long subject, long expiresAtSecond) {
        requireNonNull(kind, "kind");
        PerThread t = perThread.get();
        int slot = (int) ((subject * 31 + expiresAtSecond) * 31 + scope + kind.code) & (CACHE_SIZE - 1);
        Encoded cached = t.encoded[slot];
        if (cached != null && cached.kind == kind && cached.scope == scope && cached.subject == subject
                && cached.expiresAt == expiresAtSecond) {
            return cached.value;
        }
        byte[] plain = t.plain;
        plain[0] = kind.code;
        putInt(plain, 1, scope);
        for (int i = 0; i < 6; i++) {
            plain[5 + i] = (byte) (subject >>> (40 - 8 * i));
        }
        putInt(plain, 11, (int) expiresAtSecond);
        plain[15] = check(plain);
        String value = ENCODER.encodeToString(t.crypt(t.encrypt, plain));
        t.encoded[slot] = new Encoded(kind, scope, subject, expiresAtSecond, value);
        return value;
    }

    /**
     * Opens {@code value}, or returns {@code null} when it is not a value of this load balancer,
     * kind and scope (edited, from another load balancer, or garbage). Expiry is the caller's
     * business: {@link Opened#expiresAtSecond()}.
     */
    public @Nullable Opened decode(Kind kind, int scope, @Nullable String value) {
        requireNonNull(kind, "kind");
        if (value == null || value.length() != ENCODED_LENGTH) {
            return null;
        }
        PerThread t = perThread.get();
        int slot = value.hashCode() & (CACHE_SIZE - 1);
        Decoded cached = t.decoded[slot];
        Opened opened;
        if (cached != null && cached.value.equals(value)) {
            opened = cached.opened;
        } else {
            opened = open(t, value);
            t.decoded[slot] = new Decoded(value, opened);
        }
        return opened != null && opened.kind == kind && opened.scope == scope ? opened : null;
    }

    private static @Nullable Opened open(PerThread t, String value) {
        byte[] sealed;
        try {
            sealed = DECODER.decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (sealed.length != BLOCK) {
            return null;
        }
        byte[] plain = t.crypt(t.decrypt, sealed);
        if (plain[15] != check(plain)) {
            return null;
        }
        Kind kind = switch (plain[0]) {
            case 1 -> Kind.LB_COOKIE;
            case 2 -> Kind.APP_COOKIE;
            case 3 -> Kind.TARGET_GROUP;
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        long subject = 0;
        for (int i = 0; i < 6; i++) {
            subject = subject << 8 | (plain[5 + i] & 0xff);
        }
        return new Opened(kind, getInt(plain, 1), subject, getInt(plain, 11) & 0xffffffffL);
    }

    /** An opened value. */
    public record Opened(Kind kind, int scope, long subject, long expiresAtSecond) {}

    private record Encoded(Kind kind, int scope, long subject, long expiresAt, String value) {}

    private record Decoded(String value, @Nullable Opened opened) {}

    private static byte check(byte[] plain) {
        byte x = 0x5a;
        for (int i = 0; i < 15; i++) {
            x ^= plain[i];
        }
        return x;
    }

    private static void putInt(byte[] b, int offset, int v) {
        b[offset] = (byte) (v >>> 24);
        b[offset + 1] = (byte) (v >>> 16);
        b[offset + 2] = (byte) (v >>> 8);
        b[offset + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int offset) {
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16 | (b[offset + 2] & 0xff) << 8 | b[offset + 3] & 0xff;
    }

    /** FNV-1a over the UTF-16 units, then a 64-bit finaliser (murmur3's fmix64) to spread the bits. */
    private static long mix64(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** One thread's ciphers, scratch block and caches. */
    private static final class PerThread {
        final Cipher encrypt;
        final Cipher decrypt;
        final byte[] plain = new byte[BLOCK];
        final Encoded[] encoded = new Encoded[CACHE_SIZE];
        final Decoded[] decoded = new Decoded[CACHE_SIZE];

        PerThread(SecretKeySpec key) {
            try {
                encrypt = Cipher.getInstance("AES/ECB/NoPadding");
                encrypt.init(Cipher.ENCRYPT_MODE, key);
                decrypt = Cipher.getInstance("AES/ECB/NoPadding");
                decrypt.init(Cipher.DECRYPT_MODE, key);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES is not available in this JVM", e);
            }
        }

        byte[] crypt(Cipher cipher, byte[] block) {
            try {
                return cipher.doFinal(block);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES failed on one block", e);
            }
        }
    }
}
