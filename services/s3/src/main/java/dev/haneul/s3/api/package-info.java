/**
 * S3's API over the {@link dev.haneul.s3.store.S3Store}: the provider the gateway calls with the
 * rest-xml codec's value trees, one class per group of operations (buckets, objects, listings,
 * multipart uploads, bucket configurations), and the virtual-hosted addressing rule.
 */
@org.jspecify.annotations.NullMarked
package dev.haneul.s3.api;
