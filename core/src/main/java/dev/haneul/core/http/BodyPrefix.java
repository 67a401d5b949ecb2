package dev.haneul.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;

/**
 * The body parts of one request held back while an {@link HttpInterceptor} has not judged it yet:
 * at most {@link HttpInterceptor#BODY_PREFIX_LIMIT} bytes are collected (the part that crosses the
 * limit is kept whole), then the data plane stops reading from the client. The parts are kept as
 * they came (no copy) and {@link #view} lays a read-only composite over them for the interceptor;
 * {@link #poll} hands them on afterwards, in order, ownership included.
 */
public final class BodyPrefix {

    private final ArrayDeque<ByteBuf> parts = new ArrayDeque<>(4);
    private int bytes;
    private boolean complete;

    /** Takes a body part (its ownership). */
    public void add(ByteBuf part) {
        parts.add(part);
        bytes += part.readableBytes();
    }

    /** The body ended (its last part was added). */
    public void complete() {
        complete = true;
    }

    /** Whether the interceptor can look now: the limit is reached or the body is over. */
    public boolean ready() {
        return complete || bytes >= HttpInterceptor.BODY_PREFIX_LIMIT;
    }

    public boolean isComplete() {
        return complete;
    }

    /** Whether the body goes on past what the view shows. */
    public boolean truncated() {
        return !complete || bytes > HttpInterceptor.BODY_PREFIX_LIMIT;
    }

    /**
     * The first {@link HttpInterceptor#BODY_PREFIX_LIMIT} bytes, read-only, valid until the parts
     * are polled; the caller releases the view (the parts stay held here).
     */
    public ByteBuf view(ByteBufAllocator alloc) {
        if (parts.isEmpty()) {
            return Unpooled.EMPTY_BUFFER;
        }
        CompositeByteBuf composite = alloc.compositeBuffer(Math.max(2, parts.size()));
        for (ByteBuf part : parts) {
            composite.addComponent(true, part.retainedDuplicate());
        }
        int length = Math.min(composite.readableBytes(), HttpInterceptor.BODY_PREFIX_LIMIT);
        ByteBuf view = composite.retainedSlice(composite.readerIndex(), length).asReadOnly();
        composite.release();
        return view;
    }

    /** The next held part, or {@code null}. */
    public ByteBuf poll() {
        ByteBuf part = parts.poll();
        if (part != null) {
            bytes -= part.readableBytes();
        }
        return part;
    }

    /** Drops every held part. */
    public void release() {
        ByteBuf part;
        while ((part = parts.poll()) != null) {
            part.release();
        }
        bytes = 0;
    }
}
