/**
 * S3's error codes as typed values ({@link dev.haneul.s3.error.S3Error}, {@link dev.haneul.s3.error.S3Exception}),
 * shared by the store and the wire decoders so that neither depends on the other.
 */
@org.jspecify.annotations.NullMarked
package dev.haneul.s3.error;
