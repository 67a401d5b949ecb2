package dev.haneul.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/**
 * An S3 server measured over HTTP with the AWS SDK for Java v2, the same client for every server
 * so the figures compare servers, not clients (the AWS CLI's Python spends more CPU per small
 * request than the servers do). One line per figure, {@code name value unit}, for bench/s3.sh:
 *
 * <ul>
 *   <li>one large object: PUT from a file as a multipart upload of 8 MiB parts, 4 in flight (the
 *       CLI's defaults are 8 MiB and 10), GET streamed to a file (a plain GET, the server's
 *       stream);</li>
 *   <li>{@code --small} objects of {@code --small-size} bytes: PUT, GET with {@code --threads}
 *       threads, then LIST pages of 1,000 keys through the whole set.</li>
 * </ul>
 *
 * <pre>
 * java -cp "$CP" dev.haneul.bench.S3HttpBench --endpoint http://127.0.0.1:4566 --large-file /tmp/1g.bin \
 *     [--small 10000] [--small-size 4096] [--threads 4] [--bucket bench]
 * </pre>
 *
 * Checksums: the SDK's default CRC32 on every request and response is turned off ({@code
 * WHEN_REQUIRED}), as neither S3Mock nor a file copy computes one. Threads: 4 by default; with 8
 * or 16, Haneul answered some 4 KiB PUTs 503 ServiceUnavailable on 2026-12-07 (the gateway's body
 * budget, four maximum-size bodies, seems to be reserved in full per PUT; reported to the S3 work).
 */
public final class S3HttpBench {

    private static final int PART = 8 * 1024 * 1024;
    private static final int PARTS_IN_FLIGHT = 4;

    private S3HttpBench() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(arg(args, "--endpoint", "http://127.0.0.1:4566"));
        String largeFile = arg(args, "--large-file", "");
        int small = Integer.parseInt(arg(args, "--small", "10000"));
        int smallSize = Integer.parseInt(arg(args, "--small-size", "4096"));
        int threads = Integer.parseInt(arg(args, "--threads", "4"));
        String bucket = arg(args, "--bucket", "bench");
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(threads + PARTS_IN_FLIGHT)
                        .expectContinueEnabled(false).socketTimeout(Duration.ofMinutes(5)))
                .build();
             ExecutorService pool = Executors.newFixedThreadPool(Math.max(threads, PARTS_IN_FLIGHT))) {
            s3.createBucket(r -> r.bucket(bucket));
            if (!largeFile.isEmpty()) {
                large(s3, pool, bucket, Path.of(largeFile));
            }
            if (small > 0) {
                small(s3, pool, bucket, small, smallSize, threads);
            }
        }
    }

    private static void large(S3Client s3, ExecutorService pool, String bucket, Path file) throws Exception {
        long size = Files.size(file);
        long start = System.nanoTime();
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key("large.bin")).uploadId();
        List<Future<CompletedPart>> parts = new ArrayList<>();
        Semaphore inFlight = new Semaphore(PARTS_IN_FLIGHT);
        int count = (int) ((size + PART - 1) / PART);
        for (int p = 0; p < count; p++) {
            int number = p + 1;
            long offset = (long) p * PART;
            int length = (int) Math.min(PART, size - offset);
            inFlight.acquire();
            parts.add(pool.submit(() -> {
                try {
                    byte[] body = new byte[length];
                    try (var channel = FileChannel.open(file)) {
                        channel.read(ByteBuffer.wrap(body), offset);
                    }
                    String etag = s3.uploadPart(r -> r.bucket(bucket).key("large.bin").uploadId(uploadId)
                            .partNumber(number).contentLength((long) length), RequestBody.fromBytes(body)).eTag();
                    return CompletedPart.builder().partNumber(number).eTag(etag).build();
                } finally {
                    inFlight.release();
                }
            }));
        }
        List<CompletedPart> done = new ArrayList<>();
        for (Future<CompletedPart> part : parts) {
            done.add(part.get());
        }
        s3.completeMultipartUpload(r -> r.bucket(bucket).key("large.bin").uploadId(uploadId)
                .multipartUpload(m -> m.parts(done)));
        print("large_put", size / 1e6 / seconds(start), "MB/s");

        Path back = file.resolveSibling(file.getFileName() + ".back");
        start = System.nanoTime();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key("large.bin"));
             OutputStream out = Files.newOutputStream(back)) {
            in.transferTo(out);
        }
        print("large_get", size / 1e6 / seconds(start), "MB/s");
        if (Files.mismatch(file, back) != -1) {
            throw new IllegalStateException("the large object came back different");
        }
        Files.delete(back);
    }

    private static void small(S3Client s3, ExecutorService pool, String bucket, int count, int size, int threads)
            throws Exception {
        byte[] body = new byte[size];
        new Random(1).nextBytes(body);
        long start = System.nanoTime();
        parallel(pool, threads, count, i -> s3.putObject(r -> r.bucket(bucket).key(key(i)), RequestBody.fromBytes(body)));
        print("small_put", count / seconds(start), "req/s");
        start = System.nanoTime();
        parallel(pool, threads, count, i -> {
            try (InputStream in = s3.getObject(r -> r.bucket(bucket).key(key(i)))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        });
        print("small_get", count / seconds(start), "req/s");
        start = System.nanoTime();
        int pages = 0;
        int keys = 0;
        for (ListObjectsV2Response page : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("small/").maxKeys(1000))) {
            pages++;
            keys += page.keyCount();
        }
        if (keys != count) {
            throw new IllegalStateException("LIST found " + keys + " keys (expected: " + count + ")");
        }
        print("small_list", pages / seconds(start), "pages/s");
        print("small_list_keys", keys / seconds(start), "keys/s");
    }

    private interface Task {
        void run(int i) throws Exception;
    }

    private static void parallel(ExecutorService pool, int threads, int count, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    task.run(i);
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
    }

    private static String key(int i) {
        return String.format(Locale.ROOT, "small/%06d", i);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void print(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "%s %.1f %s%n", name, value, unit);
        System.out.flush();
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
