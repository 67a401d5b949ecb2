package dev.haneul.s3.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Run by {@link DurabilityTest} (and by hand for bigger sizes) in a JVM with a small heap: PUTs
 * {@code args[1]} MiB generated on the fly, GETs it back, and checks size and MD5 — which proves
 * the store never holds an object in memory. Prints {@code OK <MiB> put=<MB/s> get=<MB/s>}.
 */
public final class BigObjectMain {

    private BigObjectMain() {}

    public static void main(String[] args) throws Exception {
        long bytes = Long.parseLong(args[1]) * 1024 * 1024;
        boolean fsync = args.length > 2 && Boolean.parseBoolean(args[2]);
        try (S3Store store = S3Store.open(Path.of(args[0]), new S3Store.Options(fsync, Clock.systemUTC()))) {
            store.createBucket("bucket", StoreFixture.OWNER, "us-east-1");
            Generated body = new Generated(bytes);
            long start = System.nanoTime();
            ObjectVersion version = store.putObject("bucket", "big", PutObjectOptions.defaults(), body);
            double put = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
            String expected = HexFormat.of().formatHex(body.md5.digest());
            if (version.size() != bytes || !version.etag().equals(expected)) {
                throw new AssertionError("stored " + version.size() + " bytes, ETag " + version.etag() + " (expected "
                        + bytes + ", " + expected + ")");
            }
            start = System.nanoTime();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            long read = 0;
            try (ObjectRead object = store.getObject("bucket", "big", GetObjectOptions.latest());
                 InputStream in = object.stream()) {
                byte[] buffer = new byte[256 * 1024];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    md5.update(buffer, 0, n);
                    read += n;
                }
            }
            double get = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
            if (read != bytes || !HexFormat.of().formatHex(md5.digest()).equals(expected)) {
                throw new AssertionError("read back " + read + " bytes that differ");
            }
            System.out.printf("OK %d put=%.0f get=%.0f heapMax=%d%n", bytes / 1024 / 1024, put, get,
                    Runtime.getRuntime().maxMemory() / 1024 / 1024);
        }
    }

    /** Deterministic bytes, produced as read, with their MD5. */
    private static final class Generated extends InputStream {
        private final long size;
        private final MessageDigest md5;
        private long position;

        Generated(long size) throws Exception {
            this.size = size;
            this.md5 = MessageDigest.getInstance("MD5");
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                b[off + i] = (byte) (p * 31 + (p >>> 13));
            }
            md5.update(b, off, n);
            position += n;
            return n;
        }
    }
}
