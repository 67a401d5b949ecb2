package dev.haneul.bench;

import dev.haneul.s3.store.GetObjectOptions;
import dev.haneul.s3.store.ListObjectsRequest;
import dev.haneul.s3.store.ListObjectsResult;
import dev.haneul.s3.store.ObjectRead;
import dev.haneul.s3.store.PutObjectOptions;
import dev.haneul.s3.store.S3Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The S3 object store alone, no HTTP: small-object PUT/GET/LIST rates and large-object PUT/GET
 * throughput next to a plain file copy on the same disk. A plain main, not JMH: the large runs are
 * single long operations, and the small ones are counted over whole batches.
 *
 * <pre>
 * java -cp "$CP" dev.haneul.bench.S3StoreBench --dir /tmp/s3bench [--objects 10000] [--size 4096]
 *     [--threads 1,8] [--big-mib 1024] [--fsync true|false|both]
 * </pre>
 */
public final class S3StoreBench {

    private S3StoreBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(arg(args, "--dir", "/tmp/s3bench"));
        int objects = Integer.parseInt(arg(args, "--objects", "10000"));
        int size = Integer.parseInt(arg(args, "--size", "4096"));
        int bigMib = Integer.parseInt(arg(args, "--big-mib", "1024"));
        String fsyncArg = arg(args, "--fsync", "both");
        List<Boolean> fsyncs = fsyncArg.equals("both") ? List.of(false, true) : List.of(Boolean.parseBoolean(fsyncArg));
        List<Integer> threads = new ArrayList<>();
        for (String t : arg(args, "--threads", "1,8").split(",")) {
            threads.add(Integer.parseInt(t));
        }
        for (boolean fsync : fsyncs) {
            for (int t : threads) {
                small(dir, objects, size, t, fsync);
                plainSmall(dir, objects, size, t, fsync);
            }
            if (bigMib > 0) {
                big(dir, bigMib, fsync);
            }
        }
    }

    private static void small(Path dir, int objects, int size, int threads, boolean fsync) throws Exception {
        deleteTree(dir);
        byte[] body = new byte[size];
        new Random(1).nextBytes(body);
        try (S3Store store = S3Store.open(dir, new S3Store.Options(fsync, Clock.systemUTC()));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            store.createBucket("bench", "000000000000", "us-east-1");
            long start = System.nanoTime();
            run(pool, threads, objects, i -> store.putObject("bench", key(i), PutObjectOptions.defaults(), body));
            double put = rate(objects, start);
            start = System.nanoTime();
            run(pool, threads, objects, i -> {
                try (ObjectRead read = store.getObject("bench", key(i), GetObjectOptions.latest());
                     InputStream in = read.stream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            });
            double get = rate(objects, start);
            int pages = 0;
            start = System.nanoTime();
            for (int round = 0; round < 5; round++) {
                Optional<String> token = Optional.empty();
                do {
                    ListObjectsResult page = store.listObjectsV2("bench", new ListObjectsRequest("", Optional.empty(),
                            Optional.empty(), token, 1000));
                    token = page.nextContinuationToken();
                    pages++;
                } while (token.isPresent());
            }
            double list = rate(pages, start);
            System.out.printf("small  fsync=%-5s threads=%d  %d x %d B:  PUT %8.0f/s  GET %8.0f/s  LIST %6.0f pages/s (1000 keys each)%n",
                    fsync, threads, objects, size, put, get, list);
        }
    }

    /**
     * The baseline for small objects: what a file-per-object store without a commit protocol does
     * (S3Mock's layout: a directory per object with the body and a JSON metadata file), with the
     * same fsync choice.
     */
    private static void plainSmall(Path dir, int objects, int size, int threads, boolean fsync) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        byte[] body = new byte[size];
        new Random(1).nextBytes(body);
        byte[] metadata = ("{\"key\":\"k\",\"etag\":\"0123456789abcdef0123456789abcdef\",\"size\":" + size
                + ",\"contentType\":\"binary/octet-stream\",\"modified\":1700000000000}").getBytes();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            long start = System.nanoTime();
            run(pool, threads, objects, i -> {
                Path objectDir = Files.createDirectories(dir.resolve(UUID.nameUUIDFromBytes(key(i).getBytes()).toString()));
                write(objectDir.resolve("binaryData"), body, fsync);
                write(objectDir.resolve("objectMetadata.json"), metadata, fsync);
            });
            double put = rate(objects, start);
            start = System.nanoTime();
            run(pool, threads, objects, i -> {
                Path objectDir = dir.resolve(UUID.nameUUIDFromBytes(key(i).getBytes()).toString());
                Files.readAllBytes(objectDir.resolve("objectMetadata.json"));
                try (InputStream in = Files.newInputStream(objectDir.resolve("binaryData"))) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            });
            double get = rate(objects, start);
            System.out.printf("plain  fsync=%-5s threads=%d  %d x %d B:  PUT %8.0f/s  GET %8.0f/s   (dir + body + metadata file per object)%n",
                    fsync, threads, objects, size, put, get);
        }
        deleteTree(dir);
    }

    private static void write(Path file, byte[] data, boolean fsync) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap(data));
            if (fsync) {
                out.force(false);
            }
        }
    }

    private static void big(Path dir, int mib, boolean fsync) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        long bytes = (long) mib * 1024 * 1024;
        Path source = dir.resolve("source.bin");
        writeRandom(source, bytes);
        Path copy = dir.resolve("copy.bin");
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(source);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[256 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            if (fsync) {
                out.force(false);
            }
        }
        double plainWrite = mbps(bytes, start);
        start = System.nanoTime();
        try (InputStream in = Files.newInputStream(copy)) {
            drain(in);
        }
        double plainRead = mbps(bytes, start);
        Files.delete(copy);

        try (S3Store store = S3Store.open(dir.resolve("store"), new S3Store.Options(fsync, Clock.systemUTC()))) {
            store.createBucket("bench", "000000000000", "us-east-1");
            start = System.nanoTime();
            try (InputStream in = Files.newInputStream(source)) {
                store.putObject("bench", "big", PutObjectOptions.defaults(), in);
            }
            double put = mbps(bytes, start);
            start = System.nanoTime();
            try (ObjectRead read = store.getObject("bench", "big", GetObjectOptions.latest());
                 InputStream in = read.stream()) {
                drain(in);
            }
            double get = mbps(bytes, start);
            System.out.printf("big    fsync=%-5s %d MiB:  PUT %6.0f MB/s (plain copy %6.0f, ratio %.2f)  GET %6.0f MB/s (plain read %6.0f)%n",
                    fsync, mib, put, plainWrite, put / plainWrite, get, plainRead);
        }
        deleteTree(dir);
    }

    /** Reads to the end through one 256 KiB buffer: the same path for the store and the baseline. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        while (in.read(buffer) >= 0) {
            // Discard.
        }
    }

    @FunctionalInterface
    private interface Op {
        void run(int i) throws Exception;
    }

    private static void run(ExecutorService pool, int threads, int count, Op op) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            futures.add(pool.submit(() -> {
                for (int i = first; i < count; i += threads) {
                    op.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private static String key(int i) {
        return String.format("objects/%02d/key-%07d", i % 50, i);
    }

    private static double rate(long count, long startNanos) {
        return count / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static double mbps(long bytes, long startNanos) {
        return bytes / 1e6 / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static void writeRandom(Path file, long bytes) throws IOException {
        byte[] block = new byte[1024 * 1024];
        new Random(2).nextBytes(block);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
