package dev.haneul.s3.wire;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Where a decoder puts the payload bytes it takes out of a framed body, in order. */
@FunctionalInterface
public interface PayloadSink {

    /** Consumes all remaining bytes of {@code data}; the buffer is only valid during the call. */
    void write(ByteBuffer data) throws IOException;
}
