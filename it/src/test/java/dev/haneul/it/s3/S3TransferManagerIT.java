package dev.haneul.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryDownload;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryUpload;

/**
 * The AWS SDK for Java v2's {@link S3TransferManager} on the SDK's Java multipart client
 * ({@code multipartEnabled(true)}: parts of 8 MiB sent in parallel, ranged GETs back): a 64 MiB
 * file and a directory tree go up and come back with the same SHA-256.
 */
class S3TransferManagerIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @TempDir
    static Path dir;

    private static S3AsyncClient async;
    private static S3TransferManager transfers;

    @BeforeAll
    static void clients() {
        async = S3AsyncClient.builder().multipartEnabled(true).forcePathStyle(true)
                .endpointOverride(haneul.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        // The SDK's default directory concurrency: bodies of unknown length reserve the gateway's
        // body budget as they arrive, not 16 MiB each, so many uploads at once are not refused.
        transfers = S3TransferManager.builder().s3Client(async).build();
    }

    @AfterAll
    static void close() {
        if (transfers != null) {
            transfers.close();
        }
        if (async != null) {
            async.close();
        }
    }

    @Test
    void aLargeFileGoesUpInPartsAndComesBackWhole() throws IOException {
        async.createBucket(b -> b.bucket("transfers")).join();
        Path source = dir.resolve("big.bin");
        writeRandom(source, 64L * 1024 * 1024, 64);
        transfers.uploadFile(u -> u.source(source).putObjectRequest(p -> p.bucket("transfers").key("big.bin")))
                .completionFuture().join();
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            // Uploaded as a multipart upload: the ETag counts its parts.
            assertThat(s3.headObject(h -> h.bucket("transfers").key("big.bin")).eTag()).matches("\"[0-9a-f]{32}-\\d+\"");
        }
        Path back = dir.resolve("big.back");
        transfers.downloadFile(d -> d.destination(back).getObjectRequest(g -> g.bucket("transfers").key("big.bin")))
                .completionFuture().join();
        assertThat(Files.size(back)).isEqualTo(Files.size(source));
        assertThat(sha256(back)).isEqualTo(sha256(source));
    }

    @Test
    void aDirectoryGoesUpAndComesBackFileForFile() throws IOException {
        async.createBucket(b -> b.bucket("trees")).join();
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Random random = new Random(5);
        for (int i = 0; i < 24; i++) {
            Path file = tree.resolve("level" + (i % 3)).resolve(i % 2 == 0 ? "even" : "odd").resolve("file-" + i + ".bin");
            Files.createDirectories(file.getParent());
            writeRandom(file, random.nextInt(200_000), i);
        }
        writeRandom(tree.resolve("large.bin"), 9L * 1024 * 1024 + 3, 99); // Over the multipart threshold.
        CompletedDirectoryUpload up = transfers.uploadDirectory(u -> u.source(tree).bucket("trees").s3Prefix("backup"))
                .completionFuture().join();
        assertThat(up.failedTransfers()).isEmpty();
        Path back = Files.createDirectories(dir.resolve("tree-back"));
        CompletedDirectoryDownload down = transfers.downloadDirectory(d -> d.destination(back).bucket("trees")
                .listObjectsV2RequestTransformer(l -> l.prefix("backup"))).completionFuture().join();
        assertThat(down.failedTransfers()).isEmpty();
        // The prefix is the download root: backup/level0/… lands as tree-back/level0/….
        assertThat(hashes(back)).isEqualTo(hashes(tree)).hasSize(25);
    }

    private static void writeRandom(Path file, long size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] buffer = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, left));
            }
        }
    }

    /** Every file under {@code root} by its relative path, with its SHA-256. */
    private static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                hashes.put(root.relativize(file).toString(), sha256(file));
            }
        }
        return hashes;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
