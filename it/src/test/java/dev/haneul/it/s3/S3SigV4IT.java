package dev.haneul.it.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.haneul.core.config.AuthMode;
import dev.haneul.core.testing.ChunkSignedUploads;
import dev.haneul.core.testing.ChunkSignedUploads.SignedUpload;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.HaneulExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 with signatures verified ({@code HANEUL_AUTH=sigv4}): large uploads stream with their
 * declared payload hash (checked as the body is read), SDK streaming uploads have every chunk
 * signature checked (a tampered chunk is {@code SignatureDoesNotMatch} and stores nothing),
 * presigned GET and PUT URLs work until they expire.
 */
class S3SigV4IT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().auth(AuthMode.SIGV4);

    @TempDir
    static Path dir;

    @Test
    void largeSignedUploadsStreamAndComeBack() throws Exception {
        byte[] body = new byte[6 * 1024 * 1024];
        new Random(7).nextBytes(body);
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket("signed"));
            s3.putObject(p -> p.bucket("signed").key("six"), RequestBody.fromBytes(body));
            assertThat(s3.getObjectAsBytes(g -> g.bucket("signed").key("six")).asByteArray()).isEqualTo(body);
        }
        assumeThat(AwsCli.binary()).isPresent();
        Path file = dir.resolve("cli.bin");
        Files.write(file, body);
        // botocore signs an S3 body over http with its SHA-256: the streamed body is checked against it.
        assertThat(haneul.awsCli().run("s3", "cp", file.toString(), "s3://signed/cli.bin").exitCode()).isZero();
        Path back = dir.resolve("back.bin");
        assertThat(haneul.awsCli().run("s3", "cp", "s3://signed/cli.bin", back.toString()).exitCode()).isZero();
        assertThat(Files.readAllBytes(back)).isEqualTo(body);
    }

    @Test
    void aBodyThatDoesNotMatchItsDeclaredHashIsRefusedAndNotStored() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).exists();
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket("tampered"));
        }
        Path file = dir.resolve("two-mb.bin");
        byte[] body = new byte[2 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        Files.write(file, body);
        String wrongHash = "0".repeat(64);
        List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-sS", "-o", "-", "-w", "%{http_code}",
                "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", "test:test",
                "-H", "x-amz-content-sha256: " + wrongHash, "-T", file.toString(),
                haneul.endpoint() + "/tampered/file"));
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("XAmzContentSHA256Mismatch").endsWith("400");
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            assertThat(s3.listObjectsV2(l -> l.bucket("tampered")).contents()).isEmpty();
        }
    }

    @Test
    void chunkSignedUploadsFromTheSdkAreVerifiedChunkByChunk() {
        byte[] small = "chunk-signed and verified".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[3 * 1024 * 1024 + 17]; // Streamed, many 128 KiB chunks.
        new Random(11).nextBytes(large);
        try (S3Client s3 = haneul.client(S3Client.builder()
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(true).build()))) {
            s3.createBucket(b -> b.bucket("chunked"));
            for (byte[] body : List.of(small, large)) {
                // Over http the SDK signs each chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]).
                s3.putObject(p -> p.bucket("chunked").key("k" + body.length), RequestBody.fromBytes(body));
                assertThat(s3.getObjectAsBytes(g -> g.bucket("chunked").key("k" + body.length)).asByteArray())
                        .isEqualTo(body);
            }
        }
    }

    @Test
    void aTamperedChunkIsRefusedAndNothingIsStored() throws Exception {
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket("tampered-chunks"));
        }
        HttpClient http = HttpClient.newHttpClient();
        for (int size : new int[] {200_000, 2 * 1024 * 1024}) { // Read whole, then streamed.
            for (boolean trailer : new boolean[] {false, true}) {
                String key = "k-" + size + "-" + trailer;
                byte[] payload = new byte[size];
                new Random(size).nextBytes(payload);
                SignedUpload genuine = ChunkSignedUploads.sign(haneul.endpoint().resolve("/tampered-chunks/" + key),
                        "test", "test", payload, trailer, Clock.systemUTC());
                // A changed byte in the last data chunk: its signature no longer matches. (Late in the
                // body, so the client has sent it all when the refusal comes and reads the answer.)
                byte[] tampered = genuine.body().clone();
                int at = genuine.body().length - 1000;
                tampered[at] = (byte) (tampered[at] ^ 1);
                HttpResponse<String> refused = http.send(genuine.request(tampered), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
                assertThat(refused.body()).contains("<Error>").contains("<Code>SignatureDoesNotMatch</Code>");
                try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
                    assertThat(s3.listObjectsV2(l -> l.bucket("tampered-chunks")).contents()).isEmpty();
                }
                // The same request untampered is stored: the hand-made framing itself is right.
                HttpResponse<String> stored = http.send(genuine.request(genuine.body()),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
                    assertThat(s3.getObjectAsBytes(g -> g.bucket("tampered-chunks").key(key)).asByteArray())
                            .isEqualTo(genuine.payload());
                    s3.deleteObject(d -> d.bucket("tampered-chunks").key(key));
                }
            }
        }
    }

    @Test
    void anUnsignedRequestIsAnAnonymousCallersAccessDeniedInS3sEnvelope() throws Exception {
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket("private"));
            s3.putObject(p -> p.bucket("private").key("secret"), RequestBody.fromString("not for everyone"));
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/private/secret", "/private", "/")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(haneul.endpoint().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).as(path).contains("<Error><Code>AccessDenied</Code><Message>Access Denied</Message>")
                    .doesNotContain("ErrorResponse");
        }
    }

    @Test
    void anUnsignedRequestReadsWhatTheBucketPolicyGrantsEveryoneWithoutIamEnforcement() throws Exception {
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket("public-site"));
            s3.putObject(p -> p.bucket("public-site").key("public/page"), RequestBody.fromString("hello"));
            s3.putObject(p -> p.bucket("public-site").key("drafts/page"), RequestBody.fromString("draft"));
            s3.putBucketPolicy(p -> p.bucket("public-site").policy("""
                    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::public-site/public/*"}]}"""));
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(haneul.endpoint().resolve("/public-site/public/page"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("hello");
        for (String path : List.of("/public-site/drafts/page", "/public-site")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(haneul.endpoint().resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).as(path).contains("<Code>AccessDenied</Code>");
        }
    }

    @Test
    void presignedUrlsPutAndGetUntilTheyExpire() throws Exception {
        try (S3Client s3 = haneul.client(S3Client.builder().forcePathStyle(true))) {
            s3.createBucket(b -> b.bucket("presigned"));
        }
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(haneul.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("presigned").key("note"))).url().toURI();
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("presigned").key("note"))).url().toURI();
            URI expired = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(r -> r.bucket("presigned").key("note"))).url().toURI();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> putResponse = http.send(HttpRequest.newBuilder(put)
                    .PUT(HttpRequest.BodyPublishers.ofString("via a presigned PUT")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(putResponse.statusCode()).as(putResponse.body()).isEqualTo(200);
            HttpResponse<String> getResponse = http.send(HttpRequest.newBuilder(get).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(getResponse.body()).isEqualTo("via a presigned PUT");
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> http.send(HttpRequest.newBuilder(expired).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode() == 403);
        }
    }
}
