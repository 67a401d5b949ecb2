package dev.haneul.s3.api;

import dev.haneul.core.protocol.rest.HostAddressing;
import java.util.Locale;

/**
 * S3's virtual-hosted style: {@code Host: BUCKET.s3.SUFFIX} (any suffix, with or without a port:
 * {@code photos.s3.localhost:4566}, {@code photos.s3.us-east-1.localhost}) means the path
 * {@code /BUCKET/…}. The bucket is everything before the first {@code .s3.} or {@code .s3-}
 * label, so bucket names with dots work as long as none of their labels is {@code s3}. Any other
 * host (an address, {@code localhost}, {@code s3.localhost}) is path style.
 */
final class VirtualHostAddressing implements HostAddressing {

    @Override
    public String effectivePath(String host, String rawPath) {
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon >= 0 && !name.endsWith("]")) {
            name = name.substring(0, colon);
        }
        int s3 = name.indexOf(".s3.");
        if (s3 < 0) {
            s3 = name.indexOf(".s3-");
        }
        if (s3 <= 0) {
            return rawPath;
        }
        String bucket = host.substring(0, s3);
        return "/" + bucket + (rawPath.isEmpty() ? "/" : rawPath);
    }
}
