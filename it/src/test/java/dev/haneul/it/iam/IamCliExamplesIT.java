package dev.haneul.it.iam;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.it.CliExampleChecks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.testing.Corpora;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS CLI v2's own IAM and STS examples ({@code awscli-examples/iam}, {@code …/sts} in the
 * shared corpora), run against Haneul in the order a user would, each output compared with the
 * example's: the same keys, with values of the same JSON types (keys AWS shows only for options
 * the example used are allowed missing).
 */
class IamCliExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern OUTPUT = Pattern.compile("(?s)Output::\\s*\\n\\n(\\s+[\\[{].*?\\n\\s{3,4}[}\\]])\\s*(\\n|$)");
    private static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:ListAllMyBuckets\",\"Resource\":\"arn:aws:s3:::*\"},{\"Effect\":\"Allow\","
            + "\"Action\":[\"s3:Get*\",\"s3:List*\"],\"Resource\":[\"arn:aws:s3:::amzn-s3-demo-bucket\","
            + "\"arn:aws:s3:::amzn-s3-demo-bucket/*\"]}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static AwsCli aws;

    @BeforeAll
    static void cliAndCorpus() {
        Assumptions.assumeTrue(AwsCli.binary().isPresent(), "the AWS CLI is not installed");
        Corpora.require("awscli-examples/iam/create-user.rst");
        aws = haneul.awsCli();
    }

    @Test
    void theIamAndStsExamplesOfTheAwsCliWorkAndAnswerInTheirShape() throws Exception {
        assertSameShape("iam/create-user.rst", 0, run("iam", "create-user", "--user-name", "Bob"));
        assertSameShape("iam/get-user.rst", 0, run("iam", "get-user", "--user-name", "Bob"), "Tags",
                "PasswordLastUsed");
        assertSameShape("iam/list-users.rst", 0, run("iam", "list-users"), "PasswordLastUsed");
        assertSameShape("iam/create-group.rst", 0, run("iam", "create-group", "--group-name", "Admins"));
        run("iam", "add-user-to-group", "--group-name", "Admins", "--user-name", "Bob");

        JsonNode created = run("iam", "create-policy", "--policy-name", "my-policy", "--policy-document", POLICY);
        assertSameShape("iam/create-policy.rst", 0, created, "Description", "Tags");
        String arn = created.at("/Policy/Arn").asText();
        assertSameShape("iam/get-policy.rst", 0, run("iam", "get-policy", "--policy-arn", arn), "Description", "Tags");
        assertSameShape("iam/create-policy-version.rst", 0, run("iam", "create-policy-version", "--policy-arn", arn,
                "--policy-document", POLICY, "--set-as-default"));
        JsonNode version = run("iam", "get-policy-version", "--policy-arn", arn, "--version-id", "v2");
        assertSameShape("iam/get-policy-version.rst", 0, version);
        assertThat(version.at("/PolicyVersion/Document/Statement/0/Action").asText()).isEqualTo("s3:ListAllMyBuckets");

        run("iam", "attach-user-policy", "--user-name", "Bob", "--policy-arn", arn);
        run("iam", "attach-user-policy", "--user-name", "Bob", "--policy-arn",
                "arn:aws:iam::aws:policy/AdministratorAccess");
        assertSameShape("iam/list-attached-user-policies.rst", 0,
                run("iam", "list-attached-user-policies", "--user-name", "Bob"));
        run("iam", "put-user-policy", "--user-name", "Bob", "--policy-name", "inline", "--policy-document", POLICY);
        run("iam", "put-group-policy", "--group-name", "Admins", "--policy-name", "inline", "--policy-document", POLICY);
        run("iam", "put-user-permissions-boundary", "--user-name", "Bob", "--permissions-boundary",
                "arn:aws:iam::aws:policy/AmazonS3FullAccess");

        JsonNode role = run("iam", "create-role", "--role-name", "Test-Role", "--assume-role-policy-document", TRUST);
        // The example prints the document as IAM sends it (URL-encoded text); the CLI decodes it to JSON.
        JsonNode roleShape = role.deepCopy();
        ((ObjectNode) roleShape.path("Role")).remove("AssumeRolePolicyDocument");
        assertSameShape("iam/create-role.rst", 0, roleShape, "AssumeRolePolicyDocument");
        assertThat(role.at("/Role/AssumeRolePolicyDocument/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
        run("iam", "attach-role-policy", "--role-name", "Test-Role", "--policy-arn",
                "arn:aws:iam::aws:policy/ReadOnlyAccess");
        run("iam", "put-role-policy", "--role-name", "Test-Role", "--policy-name", "inline", "--policy-document", POLICY);
        run("iam", "put-role-permissions-boundary", "--role-name", "Test-Role", "--permissions-boundary",
                "arn:aws:iam::aws:policy/PowerUserAccess");

        JsonNode key = run("iam", "create-access-key", "--user-name", "Bob");
        assertSameShape("iam/create-access-key.rst", 0, key);

        assertSameShape("iam/simulate-custom-policy.rst", 0, run("iam", "simulate-custom-policy",
                "--policy-input-list", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
                        + "\"Action\":\"dynamodb:*\",\"Resource\":\"*\",\"Condition\":{\"DateGreaterThan\":"
                        + "{\"aws:CurrentTime\":\"2018-08-16T12:00:00Z\"}}}}",
                "--action-names", "dynamodb:CreateBackup", "--context-entries",
                "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date"));
        JsonNode keys = run("iam", "get-context-keys-for-custom-policy", "--policy-input-list",
                "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\","
                        + "\"Resource\":\"arn:aws:dynamodb:us-west-2:123456789012:table/${aws:username}\","
                        + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2015-08-16T12:00:00Z\"}}}}");
        assertSameShape("iam/get-context-keys-for-custom-policy.rst", 0, keys);
        assertThat(keys.path("ContextKeyNames").toString()).contains("aws:username").contains("aws:CurrentTime");
        JsonNode simulated = run("iam", "simulate-principal-policy", "--policy-source-arn",
                "arn:aws:iam::000000000000:user/Bob", "--action-names", "s3:ListAllMyBuckets", "iam:CreateUser");
        assertSameShape("iam/simulate-principal-policy.rst", 0, simulated, "OrganizationsDecisionDetail",
                "EvalDecisionDetails");
        assertThat(simulated.at("/EvaluationResults/0/EvalDecision").asText()).isEqualTo("allowed");
        assertThat(simulated.at("/EvaluationResults/1/EvalDecision").asText())
                .as("the S3 boundary does not allow IAM").isEqualTo("implicitDeny");
        assertSameShape("iam/get-context-keys-for-principal-policy.rst", 0, run("iam",
                "get-context-keys-for-principal-policy", "--policy-source-arn", "arn:aws:iam::000000000000:user/Bob"));

        JsonNode assumed = run("sts", "assume-role", "--role-arn", "arn:aws:iam::000000000000:role/Test-Role",
                "--role-session-name", "s3-access-example");
        assertSameShape("sts/assume-role.rst", 0, assumed);
        assertThat(assumed.at("/Credentials/AccessKeyId").asText()).startsWith("ASIA");
        JsonNode identity = run(Map.of("AWS_ACCESS_KEY_ID", assumed.at("/Credentials/AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", assumed.at("/Credentials/SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", assumed.at("/Credentials/SessionToken").asText()), "sts", "get-caller-identity");
        assertThat(identity.path("Arn").asText())
                .isEqualTo("arn:aws:sts::000000000000:assumed-role/Test-Role/s3-access-example");
        assertThat(identity.path("UserId").asText()).isEqualTo(role.at("/Role/RoleId").asText() + ":s3-access-example");

        AwsCliResult conflict = aws.run("iam", "delete-user", "--user-name", "Bob");
        assertThat(conflict.stderr()).contains("(DeleteConflict)").contains("must delete access keys first");
        run("iam", "delete-access-key", "--user-name", "Bob", "--access-key-id",
                key.at("/AccessKey/AccessKeyId").asText());
        run("iam", "delete-user-policy", "--user-name", "Bob", "--policy-name", "inline");
        run("iam", "detach-user-policy", "--user-name", "Bob", "--policy-arn", arn);
        run("iam", "detach-user-policy", "--user-name", "Bob", "--policy-arn",
                "arn:aws:iam::aws:policy/AdministratorAccess");
        run("iam", "remove-user-from-group", "--group-name", "Admins", "--user-name", "Bob");
        run("iam", "delete-user", "--user-name", "Bob");
        run("iam", "delete-policy-version", "--policy-arn", arn, "--version-id", "v1");
        run("iam", "delete-policy", "--policy-arn", arn);
        AwsCliResult gone = aws.run("iam", "get-user", "--user-name", "Bob");
        assertThat(gone.stderr()).contains("(NoSuchEntity)").contains("The user with name Bob cannot be found.");
    }

    private static JsonNode run(String... args) {
        return run(Map.of(), args);
    }

    private static JsonNode run(Map<String, String> env, String... args) {
        AwsCliResult result = aws.run(env, args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().isBlank() ? JSON.createObjectNode() : result.json();
    }

    /** The {@code index}-th JSON output block of an example file, with "…output omitted…" lines dropped. */
    private static JsonNode example(String file, int index) throws IOException {
        String rst = Files.readString(Corpora.require("awscli-examples/" + file)).replace("\r\n", "\n");
        Matcher matcher = OUTPUT.matcher(rst);
        for (int i = 0; matcher.find(); i++) {
            if (i == index) {
                String json = matcher.group(1).lines().filter(line -> !line.contains("..."))
                        .reduce("", (a, b) -> a + b + "\n");
                return JSON.readTree(json.replaceAll(",(\\s*[}\\]])", "$1"));
            }
        }
        throw new AssertionError(file + " has no output block " + index);
    }

    private static void assertSameShape(String file, int index, JsonNode actual, String... allowedMissing)
            throws IOException {
        // The CLI pages through lists itself and drops IsTruncated from what it prints.
        Set<String> allowed = new HashSet<>(Set.of(allowedMissing));
        allowed.add("IsTruncated");
        assertSameShape(example(file, index), actual, allowed, file);
    }

    private static void assertSameShape(JsonNode expected, JsonNode actual, Set<String> allowedMissing, String path) {
        CliExampleChecks.assertSameShape(expected, actual, allowedMissing, path);
    }
}
