package dev.haneul.it.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.haneul.core.config.AuthMode;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when", end to end with the AWS CLI in {@code HANEUL_AUTH=iam}: the root key
 * sets up users {@code dev} and {@code ops}, their groups, policies and keys; as {@code dev} (RDS
 * reads, and reboots only of {@code env=dev} resources), deleting an {@code env=prod} cluster fails
 * with AWS's exact message and changes nothing; as {@code ops} (AmazonRDSFullAccess) it succeeds.
 * The simulator answers the same decisions for the same inputs.
 */
class IamEnforcementIT {

    private static final String ACCOUNT = "000000000000";
    private static final String CLUSTER_ARN = "arn:aws:rds:us-east-1:" + ACCOUNT + ":cluster:board-db";
    private static final String DEV_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "ReadRds", "Effect": "Allow", "Action": ["rds:Describe*", "rds:List*"], "Resource": "*"},
                {"Sid": "RebootDev", "Effect": "Allow", "Action": "rds:RebootDBInstance", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:ResourceTag/env": "dev"}}}
              ]
            }""";

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().auth(AuthMode.IAM);

    @TempDir
    static Path home;

    private static AwsCli aws;
    private static Path credentials;

    @BeforeAll
    static void usersGroupsPoliciesAndProfiles() throws IOException {
        Assumptions.assumeTrue(AwsCli.binary().isPresent(), "the AWS CLI is not installed");
        aws = haneul.awsCli();
        root("iam", "create-user", "--user-name", "dev");
        root("iam", "create-user", "--user-name", "ops");
        root("iam", "create-group", "--group-name", "developers");
        root("iam", "create-group", "--group-name", "operators");
        root("iam", "add-user-to-group", "--group-name", "developers", "--user-name", "dev");
        root("iam", "add-user-to-group", "--group-name", "operators", "--user-name", "ops");
        String devPolicy = root("iam", "create-policy", "--policy-name", "DevRds", "--policy-document", DEV_POLICY)
                .at("/Policy/Arn").asText();
        assertThat(devPolicy).isEqualTo("arn:aws:iam::" + ACCOUNT + ":policy/DevRds");
        root("iam", "attach-group-policy", "--group-name", "developers", "--policy-arn", devPolicy);
        root("iam", "attach-group-policy", "--group-name", "operators", "--policy-arn",
                "arn:aws:iam::aws:policy/AmazonRDSFullAccess");
        StringBuilder file = new StringBuilder();
        for (String user : List.of("dev", "ops")) {
            JsonNode key = root("iam", "create-access-key", "--user-name", user).path("AccessKey");
            assertThat(key.path("AccessKeyId").asText()).startsWith("AKIA").hasSize(20);
            assertThat(key.path("SecretAccessKey").asText()).hasSize(40);
            file.append('[').append(user).append("]\naws_access_key_id = ").append(key.path("AccessKeyId").asText())
                    .append("\naws_secret_access_key = ").append(key.path("SecretAccessKey").asText()).append("\n");
        }
        credentials = home.resolve("credentials");
        Files.writeString(credentials, file);
    }

    @Test
    void devCannotDeleteTheProdClusterAndOpsCan() {
        root("rds", "create-db-cluster", "--db-cluster-identifier", "board-db", "--engine", "aurora-mysql",
                "--master-username", "admin", "--master-user-password", "secret99",
                "--tags", "Key=env,Value=prod");

        assertThat(as("dev", "rds", "describe-db-clusters").exitCode()).isZero();
        AwsCliResult denied = as("dev", "rds", "delete-db-cluster", "--db-cluster-identifier", "board-db",
                "--skip-final-snapshot");
        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(254);
        assertThat(denied.stderr()).contains("An error occurred (AccessDenied) when calling the DeleteDBCluster "
                + "operation: User: arn:aws:iam::" + ACCOUNT + ":user/dev is not authorized to perform: "
                + "rds:DeleteDBCluster on resource: " + CLUSTER_ARN
                + " because no identity-based policy allows the rds:DeleteDBCluster action");
        JsonNode still = root("rds", "describe-db-clusters", "--db-cluster-identifier", "board-db");
        assertThat(still.at("/DBClusters/0/Status").asText()).isNotEqualTo("deleting");

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                !root("rds", "describe-db-clusters", "--db-cluster-identifier", "board-db")
                        .at("/DBClusters/0/Status").asText().equals("creating"));
        AwsCliResult deleted = as("ops", "rds", "delete-db-cluster", "--db-cluster-identifier", "board-db",
                "--skip-final-snapshot");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
    }

    @Test
    void simulationAgreesWithEnforcement() {
        String dev = "arn:aws:iam::" + ACCOUNT + ":user/dev";
        JsonNode results = root("iam", "simulate-principal-policy", "--policy-source-arn", dev,
                "--action-names", "rds:DeleteDBCluster", "rds:DescribeDBClusters", "rds:RebootDBInstance",
                "--resource-arns", CLUSTER_ARN).path("EvaluationResults");
        assertThat(results.get(0).path("EvalDecision").asText()).isEqualTo("implicitDeny");
        assertThat(results.get(1).path("EvalDecision").asText()).isEqualTo("allowed");
        assertThat(results.get(1).at("/MatchedStatements/0/SourcePolicyId").asText()).isEqualTo("DevRds");
        assertThat(results.get(2).path("EvalDecision").asText()).isEqualTo("implicitDeny");

        JsonNode custom = root("iam", "simulate-custom-policy", "--policy-input-list", DEV_POLICY,
                "--action-names", "rds:RebootDBInstance", "--resource-arns",
                "arn:aws:rds:us-east-1:" + ACCOUNT + ":db:web-1", "--context-entries",
                "ContextKeyName=aws:ResourceTag/env,ContextKeyValues=dev,ContextKeyType=string")
                .path("EvaluationResults");
        assertThat(custom.get(0).path("EvalDecision").asText()).isEqualTo("allowed");
    }

    @Test
    void unknownAndInactiveKeysAreRefused() {
        AwsCliResult unknown = aws.run(Map.of("AWS_ACCESS_KEY_ID", "AKIAUNKNOWNUNKNOWN00", "AWS_SECRET_ACCESS_KEY",
                "nope"), "sts", "get-caller-identity");
        assertThat(unknown.exitCode()).isEqualTo(254);
        assertThat(unknown.stderr()).contains("(InvalidClientTokenId)")
                .contains("The security token included in the request is invalid");

        JsonNode identity = json(as("dev", "sts", "get-caller-identity"));
        assertThat(identity.path("Arn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":user/dev");
        assertThat(identity.path("UserId").asText()).startsWith("AIDA");
    }

    private static JsonNode root(String... args) {
        AwsCliResult result = aws.run(args);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return json(result);
    }

    private static AwsCliResult as(String profile, String... args) {
        String[] command = new String[args.length + 2];
        command[0] = "--profile";
        command[1] = profile;
        System.arraycopy(args, 0, command, 2, args.length);
        return aws.run(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_CONFIG_FILE", home.resolve("config").toString()), command);
    }

    private static JsonNode json(AwsCliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.stdout().isBlank() ? MissingNode.getInstance()
                : result.json();
    }
}
