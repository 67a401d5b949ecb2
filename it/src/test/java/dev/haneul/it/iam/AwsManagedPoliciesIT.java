package dev.haneul.it.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS managed policies as the AWS CLI sees them: their real default version, the whole
 * document (ReadOnlyAccess is far over the customer managed limit), and the AWS-scoped list.
 */
class AwsManagedPoliciesIT {

    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static AwsCli aws;

    @BeforeAll
    static void cli() {
        Assumptions.assumeTrue(AwsCli.binary().isPresent(), "the AWS CLI is not installed");
        aws = haneul.awsCli();
    }

    private static JsonNode run(String... args) {
        AwsCliResult result = aws.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().isBlank() ? null : result.json();
    }

    @Test
    void readOnlyAccessAnswersItsRealVersionAndWholeDocument() {
        JsonNode policy = run("iam", "get-policy", "--policy-arn", READ_ONLY).path("Policy");
        assertThat(policy.path("DefaultVersionId").asText()).isEqualTo("v133");
        assertThat(policy.path("Path").asText()).isEqualTo("/");
        assertThat(policy.path("IsAttachable").asBoolean()).isTrue();

        JsonNode version = run("iam", "get-policy-version", "--policy-arn", READ_ONLY, "--version-id", "v133")
                .path("PolicyVersion");
        assertThat(version.path("CreateDate").asText()).startsWith("2025-09-12T16:34:07");
        JsonNode statements = version.at("/Document/Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.at("/0/Sid").asText()).isEqualTo("ReadOnlyActionsGroup1");
        assertThat(statements.at("/0/Action")).hasSize(1356);
        assertThat(statements.at("/0/Action/0").asText()).isEqualTo("a4b:Get*");
        assertThat(statements.at("/1/Action")).hasSize(1172);
        assertThat(statements.at("/1/Action/1171").asText()).isEqualTo("xray:Get*");

        AwsCliResult older = aws.run("iam", "get-policy-version", "--policy-arn", READ_ONLY, "--version-id", "v132");
        assertThat(older.stderr()).contains("(NoSuchEntity)");
    }

    @Test
    void theAwsScopedListCountsThisAccountsAttachments() {
        run("iam", "create-group", "--group-name", "auditors");
        run("iam", "attach-group-policy", "--group-name", "auditors", "--policy-arn",
                "arn:aws:iam::aws:policy/SecurityAudit");
        JsonNode policies = run("iam", "list-policies", "--scope", "AWS").path("Policies");
        assertThat(policies).hasSize(29).allSatisfy(p -> {
            assertThat(p.path("Path").asText()).isEqualTo("/");
            assertThat(p.path("Arn").asText()).isEqualTo("arn:aws:iam::aws:policy/" + p.path("PolicyName").asText());
            assertThat(p.path("AttachmentCount").asInt())
                    .isEqualTo(p.path("PolicyName").asText().equals("SecurityAudit") ? 1 : 0);
        });
        JsonNode attached = run("iam", "list-policies", "--scope", "AWS", "--only-attached").path("Policies");
        assertThat(attached).hasSize(1);
        assertThat(attached.get(0).path("PolicyName").asText()).isEqualTo("SecurityAudit");
    }
}
