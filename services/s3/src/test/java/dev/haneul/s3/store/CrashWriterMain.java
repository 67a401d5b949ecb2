package dev.haneul.s3.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Run by {@link DurabilityTest} in a child JVM that is then killed. Mode {@code large}: commits one
 * object, then streams a second one without end, printing {@code STREAMING <bytes>} once a good part
 * of it is on disk. Mode {@code small}: four threads PUT small objects without end, printing
 * {@code ACK <key>} after each acknowledged one.
 */
public final class CrashWriterMain {

    private CrashWriterMain() {}

    public static void main(String[] args) throws Exception {
        S3Store store = S3Store.open(Path.of(args[0]), new S3Store.Options(true, Clock.systemUTC()));
        store.createBucket("bucket", StoreFixture.OWNER, "us-east-1");
        if (args.length > 1 && args[1].equals("small")) {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; ; i++) {
                            String key = "t" + thread + "/" + i;
                            store.putObject("bucket", key, PutObjectOptions.defaults(),
                                    ("body of " + key).getBytes(StandardCharsets.UTF_8));
                            synchronized (System.out) {
                                System.out.println("ACK " + key);
                                System.out.flush();
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            Thread.sleep(Long.MAX_VALUE);
        }
        byte[] committed = new byte[1024 * 1024];
        Arrays.fill(committed, (byte) 'c');
        store.putObject("bucket", "committed", PutObjectOptions.defaults(), committed);
        System.out.println("COMMITTED");
        BodySink<ObjectVersion> sink = store.openPut("bucket", "partial", PutObjectOptions.defaults());
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'p');
        long written = 0;
        while (true) {
            sink.write(ByteBuffer.wrap(chunk));
            written += chunk.length;
            if (written == 64L * 1024 * 1024) {
                System.out.println("STREAMING " + written);
                System.out.flush();
            }
            if (written > 64L * 1024 * 1024) {
                Thread.sleep(5); // Slow enough to be killed mid-body, fast enough to keep the disk busy.
            }
        }
    }
}
