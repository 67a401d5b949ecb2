package dev.haneul.it.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.config.AuthMode;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 under {@code HANEUL_AUTH=iam} with its own action names and resources: a user allowed
 * {@code s3:GetObject} on {@code arn:aws:s3:::board-files/public/*} only reads {@code public/x} (also with
 * HeadObject, which S3 authorizes as s3:GetObject), is refused {@code private/y} with AWS's message
 * (the resource in double quotes, as S3 writes it), and cannot list the bucket (s3:ListBucket).
 * DeleteObjects is decided key by key ({@code s3:DeleteObject} on {@code scratch/*} only): denied
 * keys come back as {@code AccessDenied} errors while the others are deleted. Unsigned requests
 * are the anonymous principal's: they read what the bucket policy grants {@code "*"}, within its
 * {@code aws:SourceIp} and {@code aws:SecureTransport} conditions, and nothing else.
 */
class S3AuthorizationIT {

    private static final String READER = "arn:aws:iam::000000000000:user/reader";
    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "PublicOnly", "Effect": "Allow", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::board-files/public/*"},
             {"Sid": "ScratchDeletes", "Effect": "Allow", "Action": "s3:DeleteObject",
             "Resource": "arn:aws:s3:::board-files/scratch/*"}]}""";
    /** Everyone reads {@code site/public/*} from a loopback address, not {@code lan/*} (another network), not {@code tls/*} over http. */
    private static final String SITE_POLICY = """
            {"Version": "2012-10-17", "Statement": [
             {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
              "Resource": ["arn:aws:s3:::site/public/*", "arn:aws:s3:::site/tls/*"],
              "Condition": {"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}}},
             {"Sid": "LanOnly", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject",
              "Resource": "arn:aws:s3:::site/lan/*", "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}},
             {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
              "Resource": "arn:aws:s3:::site/tls/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}""";

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().auth(AuthMode.IAM);

    private static AwsBasicCredentials reader;

    @BeforeAll
    static void aBucketAndAReader() throws IOException {
        Assumptions.assumeTrue(AwsCli.binary().isPresent(), "the AWS CLI is not installed");
        try (S3Client root = haneul.client(S3Client.builder().forcePathStyle(true))) {
            root.createBucket(b -> b.bucket("board-files"));
            root.putObject(p -> p.bucket("board-files").key("public/x"), RequestBody.fromString("public"));
            root.putObject(p -> p.bucket("board-files").key("private/y"), RequestBody.fromString("private"));
            root.createBucket(b -> b.bucket("site"));
            for (String key : List.of("public/index.html", "private/notes", "lan/x", "tls/x")) {
                root.putObject(p -> p.bucket("site").key(key), RequestBody.fromString("<h1>" + key + "</h1>"));
            }
            root.putBucketPolicy(p -> p.bucket("site").policy(SITE_POLICY));
        }
        AwsCli aws = haneul.awsCli();
        for (List<String> command : List.of(List.of("iam", "create-user", "--user-name", "reader"),
                List.of("iam", "put-user-policy", "--user-name", "reader", "--policy-name", "PublicOnly",
                        "--policy-document", POLICY))) {
            AwsCliResult result = aws.run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(result.toString()).isZero();
        }
        AwsCliResult key = aws.run("iam", "create-access-key", "--user-name", "reader");
        assertThat(key.exitCode()).as(key.toString()).isZero();
        JsonNode accessKey = new ObjectMapper().readTree(key.stdout()).path("AccessKey");
        reader = AwsBasicCredentials.create(accessKey.path("AccessKeyId").asText(),
                accessKey.path("SecretAccessKey").asText());
    }

    private static Map<String, String> readerEnvironment() {
        return Map.of("AWS_ACCESS_KEY_ID", reader.accessKeyId(), "AWS_SECRET_ACCESS_KEY", reader.secretAccessKey());
    }

    private static S3Client asReader() {
        return S3Client.builder().endpointOverride(haneul.endpoint()).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(reader))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void theReaderReadsPublicObjectsOnly() {
        try (S3Client s3 = asReader()) {
            assertThat(s3.getObjectAsBytes(g -> g.bucket("board-files").key("public/x")).asUtf8String()).isEqualTo("public");
            assertThat(s3.headObject(h -> h.bucket("board-files").key("public/x")).contentLength()).isEqualTo(6);

            S3Exception denied = catchThrowableOfType(S3Exception.class,
                    () -> s3.getObjectAsBytes(g -> g.bucket("board-files").key("private/y")));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("User: " + READER + " is not authorized to"
                    + " perform: s3:GetObject on resource: \"arn:aws:s3:::board-files/private/y\" because no identity-based"
                    + " policy allows the s3:GetObject action");

            S3Exception list = catchThrowableOfType(S3Exception.class, () -> s3.listObjectsV2(l -> l.bucket("board-files")));
            assertThat(list.awsErrorDetails().errorMessage()).isEqualTo("User: " + READER + " is not authorized to"
                    + " perform: s3:ListBucket on resource: \"arn:aws:s3:::board-files\" because no identity-based policy"
                    + " allows the s3:ListBucket action");
        }
    }

    @Test
    void deleteObjectsDeletesTheAllowedKeysAndReportsTheDeniedOnes() {
        try (S3Client root = haneul.client(S3Client.builder().forcePathStyle(true)); S3Client s3 = asReader()) {
            for (String key : List.of("scratch/a", "scratch/b", "private/z")) {
                root.putObject(p -> p.bucket("board-files").key(key), RequestBody.fromString(key));
            }
            DeleteObjectsResponse result = s3.deleteObjects(d -> d.bucket("board-files").delete(x -> x.objects(
                    ObjectIdentifier.builder().key("scratch/a").build(), ObjectIdentifier.builder().key("private/z").build(),
                    ObjectIdentifier.builder().key("scratch/b").build())));

            assertThat(result.deleted()).extracting(DeletedObject::key).containsExactly("scratch/a", "scratch/b");
            assertThat(result.errors()).singleElement().satisfies(error -> {
                assertThat(error.key()).isEqualTo("private/z");
                assertThat(error.code()).isEqualTo("AccessDenied");
                assertThat(error.message()).isEqualTo("Access Denied");
            });
            assertThat(root.listObjectsV2(l -> l.bucket("board-files")).contents()).extracting(S3Object::key)
                    .contains("private/z").doesNotContain("scratch/a", "scratch/b");
        }
    }

    @Test
    void theCliInQuietModeListsOnlyTheDeniedKeys() throws IOException {
        try (S3Client root = haneul.client(S3Client.builder().forcePathStyle(true))) {
            root.putObject(p -> p.bucket("board-files").key("scratch/c"), RequestBody.fromString("c"));
        }
        AwsCliResult result = haneul.awsCli().run(readerEnvironment(), "s3api", "delete-objects", "--bucket",
                "board-files", "--delete", "{\"Objects\": [{\"Key\": \"scratch/c\"}, {\"Key\": \"public/x\"}],"
                        + " \"Quiet\": true}");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode answer = new ObjectMapper().readTree(result.stdout());
        assertThat(answer.has("Deleted")).as(result.stdout()).isFalse();
        assertThat(answer.path("Errors")).hasSize(1);
        assertThat(answer.path("Errors").get(0).path("Key").asText()).isEqualTo("public/x");
        assertThat(answer.path("Errors").get(0).path("Code").asText()).isEqualTo("AccessDenied");
        try (S3Client root = haneul.client(S3Client.builder().forcePathStyle(true))) {
            assertThat(root.listObjectsV2(l -> l.bucket("board-files").prefix("scratch/c")).keyCount()).isZero();
            assertThat(root.headObject(h -> h.bucket("board-files").key("public/x")).contentLength()).isEqualTo(6);
        }
    }

    @Test
    void anonymousCallersReadWhatTheBucketPolicyGrantsEveryone() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(haneul.endpoint().resolve("/site/public/index.html"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<h1>public/index.html</h1>");

        // Not granted, granted to another network, denied over plain http, a listing, a write, a bucket without a policy.
        for (HttpRequest refused : List.of(
                HttpRequest.newBuilder(haneul.endpoint().resolve("/site/private/notes")).build(),
                HttpRequest.newBuilder(haneul.endpoint().resolve("/site/lan/x")).build(),
                HttpRequest.newBuilder(haneul.endpoint().resolve("/site/tls/x")).build(),
                HttpRequest.newBuilder(haneul.endpoint().resolve("/site")).build(),
                HttpRequest.newBuilder(haneul.endpoint().resolve("/site/public/new"))
                        .PUT(HttpRequest.BodyPublishers.ofString("defaced")).build(),
                HttpRequest.newBuilder(haneul.endpoint().resolve("/board-files/public/x")).build())) {
            HttpResponse<String> answer = http.send(refused, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(refused.uri().toString()).isEqualTo(403);
            assertThat(answer.body()).as(refused.uri().toString())
                    .contains("<Error><Code>AccessDenied</Code><Message>Access Denied</Message>");
        }

        Path copy = Files.createTempFile("anonymous", ".html");
        try {
            AwsCliResult cli = haneul.awsCli().run("s3", "cp", "--no-sign-request", "s3://site/public/index.html",
                    copy.toString());
            assertThat(cli.exitCode()).as(cli.toString()).isZero();
            assertThat(Files.readString(copy)).isEqualTo("<h1>public/index.html</h1>");
            AwsCliResult denied = haneul.awsCli().run("s3api", "get-object", "--no-sign-request", "--bucket", "site",
                    "--key", "private/notes", copy.toString());
            assertThat(denied.exitCode()).as(denied.toString()).isNotZero();
            assertThat(denied.stderr()).contains("AccessDenied");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @Test
    void anonymousDecisionsAreLoggedAndOtherServicesStillWantAuthentication() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> iam = http.send(HttpRequest.newBuilder(haneul.endpoint().resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListUsers&Version=2010-05-08")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(iam.statusCode()).isEqualTo(403);
        assertThat(iam.body()).contains("MissingAuthenticationToken");

        http.send(HttpRequest.newBuilder(haneul.endpoint().resolve("/site/private/notes")).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> decisions = http.send(HttpRequest.newBuilder(haneul.endpoint()
                        .resolve("/_haneul/api/iam/decisions?last=20&principal=anonymous"))
                .header("X-Haneul-Token", haneul.controlToken()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(decisions.statusCode()).as(decisions.body()).isEqualTo(200);
        assertThat(decisions.body()).contains("arn:aws:s3:::site/private/notes").contains("s3:GetObject");
    }
}
