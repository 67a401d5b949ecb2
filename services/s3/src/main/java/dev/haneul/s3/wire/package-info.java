/**
 * S3's wire details that need no gateway: the flexible checksums
 * ({@link dev.haneul.s3.wire.ChecksumAlgorithm}), declared digests and their checks, and the
 * {@code encoding-type=url} of listings. Independent of Netty. (The {@code aws-chunked} framing and its chunk signatures are
 * removed and checked by the rest codec, {@code core.protocol.rest.AwsChunked}.)
 */
@org.jspecify.annotations.NullMarked
package dev.haneul.s3.wire;
