package dev.haneul.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.lab.MigrationLab;
import dev.haneul.testing.HaneulExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code haneul lab run migration --short} (a 2 MB database): dump → S3 → Aurora arrives whole,
 * S3 counted the multipart upload and the GET, and the cost table has figures.
 */
class LabMigrationIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void theDumpGoesThroughS3IntoAuroraWhole() throws Exception {
        MigrationLab.Verdict v = LabRuns.runShort(haneul, "migration", MigrationLab.Verdict.class);
        assertThat(v.sizeMegabytes()).isEqualTo(2);
        assertThat(v.tables()).isEqualTo(5);
        assertThat(v.sourceRows()).isPositive();
        assertThat(v.dumpBytes()).as("about 1 MB of dump per MB asked").isBetween(1_000_000L, 4_000_000L);
        assertThat(v.verificationPassed()).as("rows and CHECKSUM TABLE of every table, source vs Aurora").isTrue();
        assertThat(v.dumpSha256Matches()).isTrue();
        assertThat(v.directVerified()).isTrue();
        if (v.parallelPathSeconds() >= 0) {
            assertThat(v.parallelVerified()).as("mydumper/myloader copy").isTrue();
        }
        assertThat(v.s3Parts()).isEqualTo(1);
        // CreateBucket, CreateMultipartUpload, one UploadPart, CompleteMultipartUpload.
        assertThat(v.s3PutCopyPostListRequests()).isEqualTo(4);
        assertThat(v.s3GetRequests()).isPositive();
        assertThat(v.s3BytesIn()).isEqualTo(v.dumpBytes());
        assertThat(v.s3BytesOut()).isEqualTo(v.dumpBytes());
        assertThat(v.requestCostUsd()).isPositive();
        assertThat(v.storageMonthUsd()).isPositive();
        assertThat(v.cost1TbUsd()).isGreaterThan(v.cost10GbUsd()).isGreaterThan(v.requestCostUsd());
    }
}
