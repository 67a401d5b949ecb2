/**
 * S3's wire details that need no gateway: {@code aws-chunked} bodies with chunk and trailer
 * signatures ({@link dev.haneul.s3.wire.AwsChunkedDecoder}), the flexible checksums
 * ({@link dev.haneul.s3.wire.ChecksumAlgorithm}), declared digests and their checks, and the
 * {@code encoding-type=url} of listings. Independent of Netty: decoders take {@link java.nio.ByteBuffer}s.
 */
package dev.haneul.s3.wire;
