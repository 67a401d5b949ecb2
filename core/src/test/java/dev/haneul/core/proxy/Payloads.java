package dev.haneul.core.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Streams of pseudo-random bytes that are written and checked without being held in memory. */
final class Payloads {

    static final int MiB = 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private Payloads() {
    }

    /** Writes {@code size} bytes made from {@code seed} and returns their SHA-256; {@code written} follows along. */
    static String write(OutputStream out, long size, long seed, AtomicLong written) throws IOException {
        MessageDigest digest = sha256();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[CHUNK];
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(chunk.length, left);
            random.nextBytes(chunk);
            out.write(chunk, 0, n);
            digest.update(chunk, 0, n);
            written.addAndGet(n);
            left -= n;
        }
        out.flush();
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reads exactly {@code size} bytes and returns their SHA-256. */
    static String read(InputStream in, long size) throws IOException {
        MessageDigest digest = sha256();
        byte[] chunk = new byte[CHUNK];
        for (long left = size; left > 0; ) {
            int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (n < 0) {
                throw new IOException("EOF with " + left + " of " + size + " bytes still expected");
            }
            digest.update(chunk, 0, n);
            left -= n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
