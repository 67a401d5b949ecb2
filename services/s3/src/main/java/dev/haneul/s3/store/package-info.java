/**
 * S3's object store on the local file system, below the API: {@link dev.haneul.s3.store.S3Store}
 * is the entry point. No Netty here: bodies arrive through a {@link dev.haneul.s3.store.BodySink}
 * and leave as a {@link java.nio.channels.FileChannel}.
 */
@org.jspecify.annotations.NullMarked
package dev.haneul.s3.store;
