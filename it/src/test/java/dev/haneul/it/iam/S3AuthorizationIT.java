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
import java.util.List;
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
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 under {@code HANEUL_AUTH=iam} with its own action names and resources: a user allowed
 * {@code s3:GetObject} on {@code arn:aws:s3:::board-files/public/*} only reads {@code public/x} (also with
 * HeadObject, which S3 authorizes as s3:GetObject), is refused {@code private/y} with AWS's message
 * (the resource in double quotes, as S3 writes it), and cannot list the bucket (s3:ListBucket).
 */
class S3AuthorizationIT {

    private static final String READER = "arn:aws:iam::000000000000:user/reader";
    private static final String POLICY = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "PublicOnly", "Effect": "Allow", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::board-files/public/*"}]}""";

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
}
