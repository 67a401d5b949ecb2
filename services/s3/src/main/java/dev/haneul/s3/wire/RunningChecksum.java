package dev.haneul.s3.wire;

import java.nio.ByteBuffer;
import java.util.Base64;

/** A checksum being computed over a stream: fed in pieces, read once at the end. Not thread-safe. */
public interface RunningChecksum {

    void update(byte[] data, int offset, int count);

    /** Consumes the buffer's remaining bytes (its position ends at its limit). */
    void update(ByteBuffer data);

    /** The big-endian digest; the checksum must not be used afterwards. */
    byte[] digest();

    /** The digest in base64, the form of {@code x-amz-checksum-*} headers. */
    default String base64() {
        return Base64.getEncoder().encodeToString(digest());
    }
}
