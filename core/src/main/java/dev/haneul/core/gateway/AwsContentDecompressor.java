package dev.haneul.core.gateway;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderValues;

/**
 * Request body decompression as AWS SDKs use it: their request compression appends {@code gzip} to
 * whatever encoding the caller set ({@code Content-Encoding: custom, gzip}). The last coding is
 * undone; the ones before it stay in the header, where a rest operation may bind them to a member.
 */
final class AwsContentDecompressor extends HttpContentDecompressor {

    @Override
    protected EmbeddedChannel newContentDecoder(String contentEncoding) throws Exception {
        int comma = contentEncoding.lastIndexOf(',');
        return super.newContentDecoder(comma < 0 ? contentEncoding : contentEncoding.substring(comma + 1).trim());
    }

    @Override
    protected String getTargetContentEncoding(String contentEncoding) {
        int comma = contentEncoding.lastIndexOf(',');
        return comma < 0 ? HttpHeaderValues.IDENTITY.toString() : contentEncoding.substring(0, comma).trim();
    }
}
