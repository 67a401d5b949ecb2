package dev.haneul.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.RequestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request counters have a row for each bucket that exists, and none for deleted or missing ones. */
class RequestAccountingRowsTest {

    @TempDir
    Path dir;

    @Test
    void aDeletedBucketLeavesNoRowAndAMissingBucketGetsNone() {
        S3Provider provider = new S3Provider(dir, Clock.systemUTC(), "000000000000");
        try {
            call(provider, "CreateBucket", Map.of("Bucket", "lab-dump"));
            call(provider, "HeadBucket", Map.of("Bucket", "lab-dump"));
            assertThat(provider.usage()).containsOnlyKeys("lab-dump");

            call(provider, "DeleteBucket", Map.of("Bucket", "lab-dump"));
            assertThat(provider.usage()).as("the delete request itself is not counted to a bucket that is gone")
                    .isEmpty();

            assertThatThrownBy(() -> call(provider, "HeadBucket", Map.of("Bucket", "lab-dump")));
            assertThat(provider.usage()).as("a request to a missing bucket").isEmpty();

            call(provider, "CreateBucket", Map.of("Bucket", "lab-dump"));
            assertThat(provider.usage().get("lab-dump").other()).as("a new bucket of the same name starts at zero")
                    .isZero();
        } finally {
            provider.close();
        }
    }

    private static void call(S3Provider provider, String operation, Map<String, Object> input) {
        provider.invoke(new RequestContext("req-1", "000000000000", "us-east-1", "test", "s3", operation,
                Instant.now()), S3Provider.MODEL.operation(operation).orElseThrow(), input);
    }
}
