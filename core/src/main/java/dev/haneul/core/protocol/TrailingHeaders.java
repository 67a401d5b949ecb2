package dev.haneul.core.protocol;

import java.util.Map;

/**
 * A request body stream that ends with trailing headers (an {@code aws-chunked} body's
 * {@code x-amz-checksum-crc32:…} after its last chunk): a provider reads the body to its end, then
 * asks for them, to check a checksum the client could only send once it had sent the data.
 */
public interface TrailingHeaders {

    /** The trailing headers, names in lower case; empty until the stream has been read to its end. */
    Map<String, String> trailers();
}
