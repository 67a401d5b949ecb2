package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A stream of unknown length into an S3 object through a multipart upload, and an object back out
 * into a stream: what {@code mariadb-dump | aws s3 cp - s3://…} and {@code aws s3 cp s3://… - |
 * mariadb} do, with the AWS SDK. Never more than two parts in memory: one being read from the
 * stream while the previous one uploads. Both directions compute the SHA-256 of the bytes, so the
 * lab can show the object that came back is the dump that went in.
 */
final class S3Streams {

    /**
     * The part size: 8 MiB, the AWS CLI's default ({@code multipart_chunksize}); S3's minimum is
     * 5 MiB except for the last part, its maximum 10,000 parts.
     */
    static final int PART_SIZE = 8 * 1024 * 1024;
    static final int MAX_PARTS = 10_000;

    /** What an upload or a download moved, and the calls it made by S3 operation. */
    record Transfer(long bytes, int parts, String sha256, String etag) {}

    private S3Streams() {}

    /**
     * Uploads everything {@code in} yields to {@code bucket}/{@code key} as a multipart upload of
     * {@link #PART_SIZE} parts, reading the next part while the previous one uploads. Aborts the
     * upload when anything fails.
     */
    static Transfer upload(S3Client s3, String bucket, String key, InputStream in, ProgressBar progress, S3Calls calls)
            throws IOException, InterruptedException {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType("application/sql"))
                .uploadId();
        calls.count("CreateMultipartUpload");
        MessageDigest sha256 = sha256();
        byte[][] buffers = {new byte[PART_SIZE], new byte[PART_SIZE]};
        List<CompletedPart> parts = new ArrayList<>();
        long bytes = 0;
        ExecutorService uploader = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("lab-s3-upload").factory());
        try {
            @Nullable Future<CompletedPart> pending = null;
            for (int partNumber = 1; ; partNumber++) {
                // The buffer filled two parts ago is free: its upload finished before the previous part was submitted.
                byte[] buffer = buffers[partNumber % 2];
                int length = in.readNBytes(buffer, 0, PART_SIZE);
                if (length == 0 && partNumber > 1) {
                    break;
                }
                if (partNumber > MAX_PARTS) {
                    throw new IOException("the stream is larger than " + MAX_PARTS + " parts of " + PART_SIZE + " bytes");
                }
                sha256.update(buffer, 0, length);
                bytes += length;
                if (pending != null) {
                    parts.add(await(pending));
                }
                int number = partNumber;
                pending = uploader.submit(() -> {
                    String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                            .contentLength((long) length), RequestBody.fromInputStream(
                                    new ByteArrayInputStream(buffer, 0, length), length)).eTag();
                    calls.count("UploadPart");
                    calls.bytesUp(length);
                    progress.advance(length);
                    return CompletedPart.builder().partNumber(number).eTag(etag).build();
                });
                if (length < PART_SIZE) {
                    break;
                }
            }
            if (pending != null) {
                parts.add(await(pending));
            }
            String etag = s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).eTag();
            calls.count("CompleteMultipartUpload");
            progress.finish();
            return new Transfer(bytes, parts.size(), HexFormat.of().formatHex(sha256.digest()), etag);
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
                calls.count("AbortMultipartUpload");
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        } finally {
            uploader.shutdownNow();
        }
    }

    /** Streams {@code bucket}/{@code key} into {@code out} (closing {@code out} at the end) with one GET. */
    static Transfer download(S3Client s3, String bucket, String key, OutputStream out, ProgressBar progress, S3Calls calls)
            throws IOException {
        MessageDigest sha256 = sha256();
        long bytes = 0;
        String etag;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key)); out) {
            calls.count("GetObject");
            etag = in.response().eTag();
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                bytes += n;
                progress.advance(n);
            }
        }
        calls.bytesDown(bytes);
        progress.finish();
        return new Transfer(bytes, 1, HexFormat.of().formatHex(sha256.digest()), etag);
    }

    /** Copies {@code in} to {@code out} (closing {@code out}), counting bytes on {@code progress}; returns the bytes. */
    static long pump(InputStream in, OutputStream out, ProgressBar progress) throws IOException {
        long bytes = 0;
        try (out) {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                bytes += n;
                progress.advance(n);
            }
        }
        progress.finish();
        return bytes;
    }

    private static <T> T await(Future<T> future) throws IOException, InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = requireNonNull(e.getCause(), "cause");
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
