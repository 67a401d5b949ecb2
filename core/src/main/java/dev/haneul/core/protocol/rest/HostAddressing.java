package dev.haneul.core.protocol.rest;

/**
 * How a rest service reads the part of a resource's address that some clients put in the
 * {@code Host} header instead of the path. S3 is the example: a virtual-hosted request
 * {@code Host: bucket.s3.localhost:4566}, {@code /photos/a.jpg} means the same as the path-style
 * {@code /bucket/photos/a.jpg}. The service module supplies the rule (core knows no service); the
 * rest codec applies it before routing, so both forms decode to the same input. Signature checks
 * still see the request as sent.
 *
 * <pre>{@code
 * HostAddressing s3 = (host, rawPath) -> {
 *     int dot = host.indexOf(".s3.");
 *     return dot > 0 ? "/" + host.substring(0, dot) + rawPath : rawPath;
 * };
 * }</pre>
 */
@FunctionalInterface
public interface HostAddressing {

    /** Path-style only: the path is the whole address. */
    HostAddressing PATH_ONLY = (host, rawPath) -> rawPath;

    /**
     * The raw (percent-encoded) path the request means.
     *
     * @param host the {@code Host} header, with its port; empty when absent
     * @param rawPath the request's path as sent
     * @return {@code rawPath} itself when the host carries no part of the address
     */
    String effectivePath(String host, String rawPath);
}
