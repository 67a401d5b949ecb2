package dev.haneul.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulProcess;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A kill -9 while a large object is being uploaded leaves no partial object: after the restart the
 * key does not exist, the object written before is whole, and no temporary file is left.
 */
class S3CrashIT {

    private static final long SIZE = 512L * 1024 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void aKillDuringALargePutLeavesNoPartialObject() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (HaneulProcess haneul = HaneulProcess.create(dataDir, Map.of()).start()) {
            try (S3Client s3 = client(haneul.endpoint())) {
                s3.createBucket(b -> b.bucket("crash"));
                s3.putObject(p -> p.bucket("crash").key("before"), RequestBody.fromString("kept"));
                Thread upload = Thread.ofVirtual().start(() -> {
                    try {
                        s3.putObject(p -> p.bucket("crash").key("large"),
                                RequestBody.fromInputStream(new Zeros(SIZE, sent), SIZE));
                    } catch (RuntimeException expected) {
                        // the server died under it
                    }
                });
                await().atMost(Duration.ofSeconds(60)).until(() -> sent.get() > 64L * 1024 * 1024);
                haneul.kill();
                upload.join(Duration.ofSeconds(60));
            }
            haneul.start();
            try (S3Client s3 = client(haneul.endpoint())) {
                S3Exception missing = catchThrowableOfType(S3Exception.class,
                        () -> s3.headObject(h -> h.bucket("crash").key("large")));
                assertThat(missing.statusCode()).isEqualTo(404);
                assertThat(s3.getObjectAsBytes(g -> g.bucket("crash").key("before")).asUtf8String()).isEqualTo("kept");
                assertThat(s3.listObjectsV2(l -> l.bucket("crash")).contents()).hasSize(1);
            }
            try (Stream<Path> files = Files.walk(dataDir.resolve("s3"))) {
                List<Path> temporary = files.filter(Files::isRegularFile)
                        .filter(f -> f.getParent().getFileName().toString().equals("tmp")).toList();
                assertThat(temporary).isEmpty();
            }
        }
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** {@code size} zero bytes, counting what was read. */
    private static final class Zeros extends InputStream {
        private final long size;
        private final AtomicLong read;

        Zeros(long size, AtomicLong read) {
            this.size = size;
            this.read = read;
        }

        @Override
        public int read() {
            if (read.get() >= size) {
                return -1;
            }
            read.incrementAndGet();
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long left = size - read.get();
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 0);
            read.addAndGet(n);
            return n;
        }
    }
}
