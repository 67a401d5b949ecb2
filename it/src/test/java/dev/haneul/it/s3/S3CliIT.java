package dev.haneul.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI's high-level {@code aws s3} commands against Haneul: mb, cp (a 100 MB multipart
 * upload and download, streamed through the gateway), sync of 1,000 small files, ls, mv, rm, rb,
 * presign (fetched with curl), and a virtual-hosted request; and, in the default auth mode,
 * unsigned reads ({@code --no-sign-request}, curl) of what a bucket policy grants everyone.
 */
class S3CliIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @TempDir
    static Path dir;

    @BeforeAll
    static void cli() {
        assumeThat(AwsCli.binary()).as("the AWS CLI is installed").isPresent();
    }

    private static AwsCliResult aws(String... args) {
        AwsCliResult result = haneul.awsCli().run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result).isZero();
        return result;
    }

    @Test
    void aHundredMegabytesGoUpInPartsAndComeBackWhole() throws Exception {
        aws("s3", "mb", "s3://big");
        Path file = dir.resolve("100mb.bin");
        try (OutputStream out = Files.newOutputStream(file)) {
            Random random = new Random(42);
            byte[] block = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        aws("s3", "cp", file.toString(), "s3://big/data/100mb.bin");
        AwsCliResult head = aws("s3api", "head-object", "--bucket", "big", "--key", "data/100mb.bin");
        assertThat(head.json().path("ContentLength").asLong()).isEqualTo(100L * 1024 * 1024);
        assertThat(head.json().path("ETag").asText()).contains("-"); // multipart

        Path back = dir.resolve("back.bin");
        aws("s3", "cp", "s3://big/data/100mb.bin", back.toString());
        assertThat(sha256(back)).isEqualTo(sha256(file));

        aws("s3", "mv", "s3://big/data/100mb.bin", "s3://big/moved.bin");
        assertThat(aws("s3", "ls", "s3://big/").stdout()).contains("moved.bin").doesNotContain("data/");
        aws("s3", "rb", "s3://big", "--force");
        assertThat(aws("s3", "ls").stdout()).doesNotContain(" big");
    }

    @Test
    void syncCopiesAThousandSmallFilesAndOnlyWhatChanged() throws Exception {
        aws("s3", "mb", "s3://synced");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        for (int i = 0; i < 1000; i++) {
            Path file = tree.resolve("d" + (i % 10)).resolve("f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "file " + i);
        }
        aws("s3", "sync", tree.toString(), "s3://synced/tree");
        AwsCliResult listing = aws("s3api", "list-objects-v2", "--bucket", "synced", "--prefix", "tree/");
        assertThat(listing.json().path("Contents").size()).isEqualTo(1000); // the CLI pages and drops KeyCount

        Files.writeString(tree.resolve("d0").resolve("f0.txt"), "changed");
        AwsCliResult again = aws("s3", "sync", tree.toString(), "s3://synced/tree");
        assertThat(again.stdout().lines().filter(l -> l.startsWith("upload:")).count()).isEqualTo(1);

        Path down = dir.resolve("down");
        aws("s3", "sync", "s3://synced/tree", down.toString());
        try (Stream<Path> files = Files.walk(down)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1000);
        }
        aws("s3", "rm", "s3://synced/tree", "--recursive");
        aws("s3", "rb", "s3://synced");
    }

    @Test
    void aPresignedUrlWorksWithCurlAndVirtualHostedRequestsFindTheBucket() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).exists();
        aws("s3", "mb", "s3://shared");
        Path file = dir.resolve("note.txt");
        Files.writeString(file, "presigned hello");
        aws("s3", "cp", file.toString(), "s3://shared/note.txt");
        String url = aws("s3", "presign", "s3://shared/note.txt", "--expires-in", "300").stdout().strip();
        assertThat(curl(url)).isEqualTo("presigned hello");

        int port = haneul.endpoint().getPort();
        String virtual = curl("--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "test:test",
                "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD",
                "--connect-to", "shared.s3.localhost:" + port + ":127.0.0.1:" + port,
                "http://shared.s3.localhost:" + port + "/note.txt");
        assertThat(virtual).isEqualTo("presigned hello");
    }

    @Test
    void withoutIamEnforcementAnonymousCallersStillGetOnlyWhatTheBucketPolicyGrants() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).exists();
        aws("s3", "mb", "s3://public-notes");
        Path file = dir.resolve("public.txt");
        Files.writeString(file, "for everyone");
        aws("s3", "cp", file.toString(), "s3://public-notes/public.txt");
        aws("s3api", "put-bucket-policy", "--bucket", "public-notes", "--policy", """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"},
                 "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public-notes/*"}]}""");

        assertThat(curl(haneul.endpoint().resolve("/public-notes/public.txt").toString())).isEqualTo("for everyone");
        AwsCliResult read = haneul.awsCli().run("s3", "cp", "--no-sign-request", "s3://public-notes/public.txt", "-");
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.stdout()).isEqualTo("for everyone");
        AwsCliResult list = haneul.awsCli().run("s3", "ls", "--no-sign-request", "s3://public-notes");
        assertThat(list.exitCode()).as(list.toString()).isNotZero();
        assertThat(list.stderr()).contains("AccessDenied");
    }

    private static String curl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-sS", "--fail-with-body"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
