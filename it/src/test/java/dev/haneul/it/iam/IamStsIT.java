package dev.haneul.it.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.config.AuthMode;
import dev.haneul.core.testing.MutableClock;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * STS in {@code HANEUL_AUTH=iam} through the AWS CLI: trust policies decide AssumeRole (a trust
 * naming the user needs no identity allow; one trusting the account does, and its
 * {@code sts:ExternalId} condition holds), duration bounds, the session's own permissions,
 * expiry ({@code ExpiredToken}, by moving the server's clock), and the decision log.
 */
class IamStsIT {

    private static final String ACCOUNT = "000000000000";
    private static final MutableClock clock = MutableClock.now();

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().auth(AuthMode.IAM).clock(clock);

    private static AwsCli aws;
    private static Map<String, String> dev;

    @BeforeAll
    static void userAndRoles() {
        Assumptions.assumeTrue(AwsCli.binary().isPresent(), "the AWS CLI is not installed");
        aws = haneul.awsCli();
        root("iam", "create-user", "--user-name", "dev");
        JsonNode key = root("iam", "create-access-key", "--user-name", "dev").path("AccessKey");
        dev = Map.of("AWS_ACCESS_KEY_ID", key.path("AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", key.path("SecretAccessKey").asText());
        root("iam", "create-role", "--role-name", "direct", "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::" + ACCOUNT + ":user/dev\"},\"Action\":\"sts:AssumeRole\"}]}");
        root("iam", "create-role", "--role-name", "app", "--assume-role-policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + ACCOUNT
                        + "\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"StringEquals\":"
                        + "{\"sts:ExternalId\":\"secret-1\"}}}]}");
    }

    @Test
    void trustPoliciesDecideWhoAssumesWhat() throws Exception {
        String app = "arn:aws:iam::" + ACCOUNT + ":role/app";
        AwsCliResult noIdentityAllow = aws.run(dev, "sts", "assume-role", "--role-arn", app,
                "--role-session-name", "s1", "--external-id", "secret-1");
        assertThat(noIdentityAllow.stderr()).contains("(AccessDenied)").contains("User: arn:aws:iam::" + ACCOUNT
                + ":user/dev is not authorized to perform: sts:AssumeRole on resource: " + app);

        JsonNode direct = json(aws.run(dev, "sts", "assume-role", "--role-arn",
                "arn:aws:iam::" + ACCOUNT + ":role/direct", "--role-session-name", "s1"));
        Map<String, String> session = session(direct);
        assertThat(json(aws.run(session, "sts", "get-caller-identity")).path("Arn").asText())
                .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/direct/s1");
        AwsCliResult sessionDenied = aws.run(session, "rds", "describe-db-clusters");
        assertThat(sessionDenied.stderr()).contains("User: arn:aws:sts::" + ACCOUNT + ":assumed-role/direct/s1 is not "
                + "authorized to perform: rds:DescribeDBClusters on resource: arn:aws:rds:us-east-1:" + ACCOUNT
                + ":cluster:* because no identity-based policy allows the rds:DescribeDBClusters action");

        root("iam", "put-user-policy", "--user-name", "dev", "--policy-name", "assume", "--policy-document",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"" + app + "\"}]}");
        assertThat(aws.run(dev, "sts", "assume-role", "--role-arn", app, "--role-session-name", "s2")
                .stderr()).as("the trust's ExternalId condition").contains("(AccessDenied)");
        AwsCliResult tooLong = aws.run(dev, "sts", "assume-role", "--role-arn", app, "--role-session-name", "s2",
                "--external-id", "secret-1", "--duration-seconds", "7200");
        assertThat(tooLong.stderr()).contains("(ValidationError)")
                .contains("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        JsonNode assumed = json(aws.run(dev, "sts", "assume-role", "--role-arn", app, "--role-session-name", "s2",
                "--external-id", "secret-1"));
        assertThat(assumed.at("/AssumedRoleUser/Arn").asText()).isEqualTo("arn:aws:sts::" + ACCOUNT
                + ":assumed-role/app/s2");

        clock.advance(Duration.ofHours(2));
        AwsCliResult expired = aws.run(session(assumed), "sts", "get-caller-identity");
        assertThat(expired.stderr()).contains("(ExpiredToken)")
                .contains("The security token included in the request is expired");

        HttpURLConnection connection = (HttpURLConnection) haneul.endpoint()
                .resolve("/_haneul/api/iam/decisions?last=50&denied=true").toURL().openConnection();
        connection.setRequestProperty("X-Haneul-Token", haneul.controlToken());
        assertThat(connection.getResponseCode()).isEqualTo(200);
        JsonNode log;
        try (InputStream in = connection.getInputStream()) {
            log = new ObjectMapper().readTree(in);
        }
        assertThat(log.path("decisions").toString()).contains("rds:DescribeDBClusters")
                .contains("because no identity-based policy allows the rds:DescribeDBClusters action");
        HttpURLConnection unsigned = (HttpURLConnection) haneul.endpoint()
                .resolve("/_haneul/api/iam/decisions").toURL().openConnection();
        assertThat(unsigned.getResponseCode()).as("the log needs the token or a session").isNotEqualTo(200);
    }

    private static Map<String, String> session(JsonNode assumed) {
        return Map.of("AWS_ACCESS_KEY_ID", assumed.at("/Credentials/AccessKeyId").asText(),
                "AWS_SECRET_ACCESS_KEY", assumed.at("/Credentials/SecretAccessKey").asText(),
                "AWS_SESSION_TOKEN", assumed.at("/Credentials/SessionToken").asText());
    }

    private static JsonNode root(String... args) {
        return json(aws.run(args));
    }

    private static JsonNode json(AwsCliResult result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result.json();
    }
}
