package dev.haneul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.testing.Corpora;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS through the AWS SDK for Java v2 and the AWS CLI v2. */
class StsIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void sdkGetsTheCallerIdentity() {
        try (StsClient sts = haneul.client(StsClient.builder())) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo("000000000000");
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::000000000000:root");
            assertThat(identity.userId()).isEqualTo("000000000000");
            assertThat(identity.responseMetadata().requestId()).isNotBlank();
        }
    }

    @Test
    void anotherAccessKeyIsAnotherCaller() {
        try (StsClient sts = StsClient.builder().endpointOverride(haneul.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDALICE", "whatever")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:iam::000000000000:user/AKIDALICE");
        }
    }

    @Test
    void operationsHaneulDoesNotEmulateFailLoudly() {
        try (StsClient sts = haneul.client(StsClient.builder())) {
            assertThat(Assertions.catchThrowableOfType(StsException.class, () -> sts.getFederationToken(r -> r.name("bob"))))
                    .satisfies(e -> {
                        assertThat(e.statusCode()).isEqualTo(501);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                    });
        }
    }

    @Test
    void awsCliGetsTheCallerIdentityAsTheCliExampleShows() throws Exception {
        assumeThat(AwsCli.binary()).as("the AWS CLI is installed").isPresent();
        AwsCliResult result = haneul.awsCli().run("sts", "get-caller-identity");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        JsonNode output = result.json();
        assertThat(output.path("Account").asText()).isEqualTo("000000000000");
        assertThat(output.path("Arn").asText()).isEqualTo("arn:aws:iam::000000000000:root");

        // The same keys, of the same types, as the AWS CLI's own example output.
        Path example = Corpora.require("awscli-examples/sts/get-caller-identity.rst");
        JsonNode expected = firstJsonBlock(Files.readString(example));
        assertThat(fieldNames(output)).isEqualTo(fieldNames(expected));
        expected.properties().forEach(e ->
                assertThat(output.get(e.getKey()).getNodeType()).as(e.getKey()).isEqualTo(e.getValue().getNodeType()));
    }

    @Test
    void awsCliReportsServiceErrorsWithExitCode254() {
        assumeThat(AwsCli.binary()).as("the AWS CLI is installed").isPresent();
        AwsCliResult result = haneul.awsCli().run(Map.of("AWS_DEFAULT_REGION", "ap-northeast-2"), "sts", "get-federation-token",
                "--name", "bob");
        assertThat(result.exitCode()).isEqualTo(254);
        assertThat(result.stderr()).contains("(NotImplemented)").contains("GetFederationToken");
    }

    static JsonNode firstJsonBlock(String rst) throws Exception {
        Matcher m = Pattern.compile("(?s)Output::\\s*\\n\\n(\\s+\\{.*?\\n\\s{4}\\})").matcher(rst);
        assertThat(m.find()).as("a JSON output block in the example").isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(null);
        return names;
    }
}
