package dev.haneul.s3.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.haneul.s3.error.S3Error;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * ListObjectsV2 continuation tokens: opaque to clients, and stable — a token names the last key or
 * common prefix of its page, not an offset, so objects added or deleted between pages neither repeat
 * nor skip the keys after it. Form: base64url of a version byte, the UTF-8 position and a CRC-32C of
 * both; anything else is 400 InvalidArgument {@code The continuation token provided is incorrect}.
 */
final class ContinuationTokens {

    private static final byte VERSION = 1;

    private ContinuationTokens() {}

    static String encode(String after) {
        byte[] position = after.getBytes(UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(1 + position.length + 4).put(VERSION).put(position);
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    static String decode(String token) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length >= 5 && bytes[0] == VERSION) {
                CRC32C crc = new CRC32C();
                crc.update(bytes, 0, bytes.length - 4);
                if ((int) crc.getValue() == ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
                    return new String(bytes, 1, bytes.length - 5, UTF_8);
                }
            }
        } catch (IllegalArgumentException e) {
            // Not base64: incorrect, below.
        }
        throw S3Error.INVALID_ARGUMENT.exception("The continuation token provided is incorrect",
                Map.of("ArgumentName", "continuation-token"));
    }
}
