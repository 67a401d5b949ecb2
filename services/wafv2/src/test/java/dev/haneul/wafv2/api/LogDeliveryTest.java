package dev.haneul.wafv2.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.resource.BucketWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WAF log objects: AWS's key layout, gzip JSON lines, published after a few seconds. */
class LogDeliveryTest {

    private static final String ACL = "arn:aws:wafv2:us-east-1:111122223333:regional/webacl/shop/abc";
    private static final String BUCKET = "arn:aws:s3:::aws-waf-logs-x";

    private record Put(String bucket, String key, byte[] body, String contentType) {
    }

    private static final class FakeS3 implements BucketWriter {
        final List<Put> puts = new ArrayList<>();

        @Override
        public Optional<String> owner(String bucket) {
            return Optional.of("111122223333");
        }

        @Override
        public void put(String bucket, String key, InputStream body, long length, String contentType) throws IOException {
            puts.add(new Put(bucket, key, body.readAllBytes(), contentType));
        }
    }

    @Test
    void linesBecomeOneGzipObjectUnderAwsKeyLayoutAfterFiveSeconds() throws IOException {
        FakeS3 s3 = new FakeS3();
        LogDelivery delivery = new LogDelivery(() -> s3, Path.of("unused"));
        long time = Instant.parse("2026-12-07T23:07:30Z").toEpochMilli();
        delivery.add(BUCKET, ACL, time, "{\"a\":1}", time);
        delivery.add(BUCKET, ACL, time + 10, "{\"b\":2}", time + 10);
        delivery.flush(time + LogDelivery.FLUSH_MILLIS - 1, false);
        assertThat(s3.puts).isEmpty();
        delivery.flush(time + LogDelivery.FLUSH_MILLIS, false);
        assertThat(s3.puts).hasSize(1);
        Put put = s3.puts.get(0);
        assertThat(put.bucket()).isEqualTo("aws-waf-logs-x");
        assertThat(put.key()).matches("AWSLogs/111122223333/WAFLogs/us-east-1/shop/2026/12/07/23/05/"
                + "111122223333_waflogs_us-east-1_shop_20261207T2305Z_[0-9a-f]{8}\\.log\\.gz");
        assertThat(put.contentType()).isEqualTo(LogDelivery.CONTENT_TYPE);
        assertThat(gunzip(put.body())).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
    }

    @Test
    void withoutS3TheObjectsAreFilesOfTheSameNames(@TempDir Path dir) throws IOException {
        LogDelivery delivery = new LogDelivery(() -> null, dir);
        long time = Instant.parse("2026-12-07T23:12:00Z").toEpochMilli();
        delivery.add(BUCKET, ACL, time, "{}", time);
        delivery.flush(time, true);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).hasSize(1);
        assertThat(dir.relativize(files.get(0)).toString())
                .startsWith("aws-waf-logs-x/AWSLogs/111122223333/WAFLogs/us-east-1/shop/2026/12/07/23/10/");
        assertThat(gunzip(Files.readAllBytes(files.get(0)))).isEqualTo("{}\n");
    }

    private static String gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
