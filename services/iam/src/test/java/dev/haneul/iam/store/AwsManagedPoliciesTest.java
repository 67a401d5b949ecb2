package dev.haneul.iam.store;

import static dev.haneul.iam.policy.EvalDecision.ALLOWED;
import static dev.haneul.iam.policy.EvalDecision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.testing.Corpora;
import dev.haneul.iam.policy.CompiledPolicy;
import dev.haneul.iam.policy.ContextValue;
import dev.haneul.iam.policy.EvalDecision;
import dev.haneul.iam.policy.Evaluator;
import dev.haneul.iam.policy.PolicyDocument;
import dev.haneul.iam.policy.PolicySet;
import dev.haneul.iam.policy.PolicySource;
import dev.haneul.iam.policy.PolicyText;
import dev.haneul.iam.policy.PolicyType;
import dev.haneul.iam.policy.Principal;
import dev.haneul.iam.policy.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled AWS managed policies: every document is one Haneul's own parser accepts, the index
 * names each one's version and source, and the evaluator gives the decisions AWS gives for a few
 * representative actions per policy.
 */
class AwsManagedPoliciesTest {

    private static final String ACCOUNT = "000000000000";
    private static final Principal DEV = Principal.user(ACCOUNT, "/", "dev", "AIDADEV", Map.of());
    private static final AwsManagedPolicies BUNDLED = AwsManagedPolicies.bundled();
    private final Evaluator evaluator = new Evaluator();

    /** The policies issue 14 names, under AWS's own names, and SecurityAudit, which the CLI examples attach. */
    private static final List<String> REQUIRED = List.of("AdministratorAccess", "PowerUserAccess",
            "ReadOnlyAccess", "IAMFullAccess", "IAMReadOnlyAccess", "SecurityAudit", "AmazonRDSFullAccess",
            "AmazonRDSReadOnlyAccess", "AmazonRDSDataFullAccess", "AmazonElastiCacheFullAccess",
            "AmazonElastiCacheReadOnlyAccess",
            "ElasticLoadBalancingFullAccess", "ElasticLoadBalancingReadOnly", "AmazonS3FullAccess",
            "AmazonS3ReadOnlyAccess", "AWSWAFFullAccess", "AWSWAFReadOnlyAccess", "CloudFrontFullAccess",
            "CloudFrontReadOnlyAccess", "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess", "AmazonSSMFullAccess",
            "AmazonSSMReadOnlyAccess", "AmazonSSMManagedInstanceCore", "AWSCloudFormationFullAccess",
            "AWSCloudFormationReadOnlyAccess", "AWSCodeCommitFullAccess", "AWSCodeCommitPowerUser",
            "AWSCodeCommitReadOnly");

    private static String arn(String name) {
        return "arn:aws:iam::aws:policy/" + name;
    }

    private static AwsManagedPolicies.AwsPolicy policy(String name) {
        return BUNDLED.find(arn(name)).orElseThrow(() -> new AssertionError(name + " is not bundled"));
    }

    private static CompiledPolicy compiled(String name) {
        return CompiledPolicy.parse(policy(name).document(), PolicyType.IDENTITY,
                PolicySource.managed(arn(name), PolicySource.Type.AWS_MANAGED));
    }

    @Test
    void everyPolicyTheIssueNamesIsBundledAtPathSlash() {
        assertThat(BUNDLED.all()).extracting(AwsManagedPolicies.AwsPolicy::name)
                .containsExactlyInAnyOrderElementsOf(REQUIRED);
        assertThat(BUNDLED.all()).allSatisfy(p -> {
            assertThat(p.path()).isEqualTo("/");
            assertThat(p.arn()).isEqualTo(arn(p.name()));
            assertThat(p.id()).matches("ANPA[A-Z2-7]{17}");
        });
    }

    @Test
    void everyDocumentParsesWithHaneulsParser() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (AwsManagedPolicies.AwsPolicy p : BUNDLED.all()) {
            CompiledPolicy compiled = compiled(p.name());
            JsonNode document = mapper.readTree(p.document());
            assertThat(document.path("Version").asText()).as(p.name()).isEqualTo("2012-10-17");
            List<String> sids = new ArrayList<>();
            document.path("Statement").forEach(statement -> sids.add(statement.path("Sid").asText(null)));
            assertThat(compiled.document().statements()).as(p.name())
                    .extracting(PolicyDocument.Statement::sid).containsExactlyElementsOf(sids);
        }
    }

    @Test
    void theIndexNamesEachVersionItsDateAndTheSourceItWasCheckedAgainst() throws IOException {
        JsonNode index;
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream("/dev/haneul/iam/managed/index.json")) {
            index = new ObjectMapper().readTree(in);
        }
        assertThat(index.path("policies")).hasSize(REQUIRED.size()).allSatisfy(entry -> {
            String name = entry.path("name").asText();
            assertThat(entry.path("defaultVersion").asText()).as(name).matches("v[1-9][0-9]*");
            assertThat(entry.path("versionCreated").asText()).as(name).matches("20\\d\\d-\\d\\d-\\d\\dT.*Z");
            assertThat(entry.path("verified").asText()).as(name).contains(entry.path("defaultVersion").asText());
            assertThat(entry.has("abridged")).as(name).isFalse();
        });
        assertThat(policy("PowerUserAccess").defaultVersion()).isEqualTo("v12");
        assertThat(policy("PowerUserAccess").versionCreated()).hasToString("2026-02-12T17:59:14Z");
        assertThat(policy("AdministratorAccess").versionCreated()).isEqualTo(AwsManagedPolicies.created());
    }

    @Test
    void readOnlyAccessIsWholeThoughFarOverTheCustomerManagedLimit() {
        String document = policy("ReadOnlyAccess").document();
        assertThat(PolicyText.length(document)).isGreaterThan(6144 * 5);
        assertThat(compiled("ReadOnlyAccess").document().statements()).extracting(PolicyDocument.Statement::sid)
                .containsExactly("ReadOnlyActionsGroup1", "ReadOnlyActionsGroup2");
        assertThat(document).contains("\"a4b:Get*\"", "\"rds:Describe*\"", "\"bedrock-agentcore:GetMemory\"",
                "\"xray:Get*\"");
    }

    static Stream<Arguments> decisions() {
        String cluster = "arn:aws:rds:us-east-1:" + ACCOUNT + ":cluster:board-db";
        String secrets = "arn:aws:secretsmanager:us-east-1:" + ACCOUNT + ":secret:";
        String object = "arn:aws:s3:::board-assets/logo.png";
        String webAcl = "arn:aws:wafv2:us-east-1:" + ACCOUNT + ":regional/webacl/board/1234";
        String devUser = "arn:aws:iam::" + ACCOUNT + ":user/dev";
        String otherUser = "arn:aws:iam::" + ACCOUNT + ":user/ops";
        Map<String, String> none = Map.of();
        Map<String, String> rdsRole = Map.of("iam:AWSServiceName", "rds.amazonaws.com");
        Map<String, String> ec2Role = Map.of("iam:AWSServiceName", "ec2.amazonaws.com");
        return Stream.of(
                row("AdministratorAccess", "iam:CreateUser", devUser, none, ALLOWED),
                row("ReadOnlyAccess", "rds:DescribeDBClusters", cluster, none, ALLOWED),
                row("ReadOnlyAccess", "s3:GetObject", object, none, ALLOWED),
                row("ReadOnlyAccess", "ec2:DescribeInstances", "*", none, ALLOWED),
                row("ReadOnlyAccess", "wafv2:GetWebACL", webAcl, none, ALLOWED),
                row("ReadOnlyAccess", "rds:DeleteDBCluster", cluster, none, IMPLICIT_DENY),
                row("ReadOnlyAccess", "s3:PutObject", object, none, IMPLICIT_DENY),
                row("ReadOnlyAccess", "iam:CreateUser", devUser, none, IMPLICIT_DENY),
                row("PowerUserAccess", "rds:DeleteDBCluster", cluster, none, ALLOWED),
                row("PowerUserAccess", "iam:CreateServiceLinkedRole", "*", rdsRole, ALLOWED),
                row("PowerUserAccess", "iam:ListRoles", "*", none, ALLOWED),
                row("PowerUserAccess", "iam:CreateUser", devUser, none, IMPLICIT_DENY),
                row("PowerUserAccess", "organizations:CreateAccount", "*", none, IMPLICIT_DENY),
                row("IAMFullAccess", "iam:CreateUser", devUser, none, ALLOWED),
                row("IAMFullAccess", "s3:GetObject", object, none, IMPLICIT_DENY),
                row("IAMReadOnlyAccess", "iam:GetUser", devUser, none, ALLOWED),
                row("IAMReadOnlyAccess", "iam:CreateUser", devUser, none, IMPLICIT_DENY),
                row("SecurityAudit", "iam:GetAccountAuthorizationDetails", "*", none, ALLOWED),
                row("SecurityAudit", "s3:GetBucketPolicy", "arn:aws:s3:::board-assets", none, ALLOWED),
                row("SecurityAudit", "s3:GetObject", object, none, IMPLICIT_DENY),
                row("AmazonRDSFullAccess", "rds:DeleteDBCluster", cluster, none, ALLOWED),
                row("AmazonRDSFullAccess", "iam:CreateServiceLinkedRole", "*", rdsRole, ALLOWED),
                row("AmazonRDSFullAccess", "iam:CreateServiceLinkedRole", "*", ec2Role, IMPLICIT_DENY),
                row("AmazonRDSFullAccess", "pi:GetResourceMetrics",
                        "arn:aws:pi:us-east-1:" + ACCOUNT + ":metrics/rds/db-ABC", none, ALLOWED),
                row("AmazonRDSReadOnlyAccess", "rds:DescribeDBInstances", "*", none, ALLOWED),
                row("AmazonRDSReadOnlyAccess", "cloudwatch:GetMetricData", "*", none, ALLOWED),
                row("AmazonRDSReadOnlyAccess", "rds:DeleteDBCluster", cluster, none, IMPLICIT_DENY),
                row("AmazonRDSDataFullAccess", "rds-data:ExecuteStatement", cluster, none, ALLOWED),
                row("AmazonRDSDataFullAccess", "secretsmanager:GetSecretValue",
                        secrets + "rds-db-credentials/a-1", none, ALLOWED),
                row("AmazonRDSDataFullAccess", "secretsmanager:GetSecretValue",
                        secrets + "app-1", none, IMPLICIT_DENY),
                row("AmazonElastiCacheFullAccess", "elasticache:CreateReplicationGroup", "*", none, ALLOWED),
                row("AmazonElastiCacheReadOnlyAccess", "elasticache:DescribeCacheClusters", "*", none, ALLOWED),
                row("AmazonElastiCacheReadOnlyAccess", "elasticache:ListTagsForResource", "*", none, IMPLICIT_DENY),
                row("ElasticLoadBalancingFullAccess", "elasticloadbalancing:CreateLoadBalancer", "*", none, ALLOWED),
                row("ElasticLoadBalancingReadOnly", "elasticloadbalancing:DescribeLoadBalancers", "*", none, ALLOWED),
                row("ElasticLoadBalancingReadOnly", "elasticloadbalancing:CreateLoadBalancer", "*", none,
                        IMPLICIT_DENY),
                row("AmazonS3FullAccess", "s3:PutObject", object, none, ALLOWED),
                row("AmazonS3ReadOnlyAccess", "s3:GetObject", object, none, ALLOWED),
                row("AmazonS3ReadOnlyAccess", "s3:PutObject", object, none, IMPLICIT_DENY),
                row("AWSWAFFullAccess", "wafv2:CreateWebACL", webAcl, none, ALLOWED),
                row("AWSWAFFullAccess", "s3:PutBucketPolicy", "arn:aws:s3:::aws-waf-logs-board", none, ALLOWED),
                row("AWSWAFFullAccess", "s3:PutBucketPolicy", "arn:aws:s3:::board-assets", none, IMPLICIT_DENY),
                row("AWSWAFReadOnlyAccess", "wafv2:GetWebACL", webAcl, none, ALLOWED),
                row("AWSWAFReadOnlyAccess", "wafv2:CreateWebACL", webAcl, none, IMPLICIT_DENY),
                row("CloudFrontFullAccess", "cloudfront:CreateDistribution", "*", none, ALLOWED),
                row("CloudFrontReadOnlyAccess", "cloudfront:GetDistribution", "*", none, ALLOWED),
                row("CloudFrontReadOnlyAccess", "cloudfront:CreateDistribution", "*", none, IMPLICIT_DENY),
                row("AmazonEC2FullAccess", "ec2:RunInstances", "*", none, ALLOWED),
                row("AmazonEC2ReadOnlyAccess", "ec2:DescribeInstances", "*", none, ALLOWED),
                row("AmazonEC2ReadOnlyAccess", "ec2:RunInstances", "*", none, IMPLICIT_DENY),
                row("AmazonSSMFullAccess", "ssm:PutParameter", "*", none, ALLOWED),
                row("AmazonSSMReadOnlyAccess", "ssm:GetParameter", "*", none, ALLOWED),
                row("AmazonSSMReadOnlyAccess", "ssm:PutParameter", "*", none, IMPLICIT_DENY),
                row("AmazonSSMManagedInstanceCore", "ssm:UpdateInstanceInformation", "*", none, ALLOWED),
                row("AmazonSSMManagedInstanceCore", "ssmmessages:OpenDataChannel", "*", none, ALLOWED),
                row("AmazonSSMManagedInstanceCore", "ssm:PutParameter", "*", none, IMPLICIT_DENY),
                row("AWSCloudFormationFullAccess", "cloudformation:CreateStack", "*", none, ALLOWED),
                row("AWSCloudFormationReadOnlyAccess", "cloudformation:DescribeStacks", "*", none, ALLOWED),
                row("AWSCloudFormationReadOnlyAccess", "cloudformation:CreateStack", "*", none, IMPLICIT_DENY),
                row("AWSCodeCommitFullAccess", "codecommit:DeleteRepository", "*", none, ALLOWED),
                row("AWSCodeCommitFullAccess", "iam:UploadSSHPublicKey", devUser, none, ALLOWED),
                row("AWSCodeCommitFullAccess", "iam:UploadSSHPublicKey", otherUser, none, IMPLICIT_DENY),
                row("AWSCodeCommitPowerUser", "codecommit:GitPush", "*", none, ALLOWED),
                row("AWSCodeCommitPowerUser", "codecommit:DeleteRepository", "*", none, IMPLICIT_DENY),
                row("AWSCodeCommitReadOnly", "codecommit:GitPull", "*", none, ALLOWED),
                row("AWSCodeCommitReadOnly", "codecommit:GitPush", "*", none, IMPLICIT_DENY));
    }

    private static Arguments row(String policy, String action, String resource, Map<String, String> context,
            EvalDecision expected) {
        return Arguments.of(policy, action, resource, context, expected);
    }

    @ParameterizedTest(name = "{0}: {1} on {2} {3} is {4}")
    @MethodSource("decisions")
    void evaluatorGivesAwsDecision(String policy, String action, String resource, Map<String, String> context,
            EvalDecision expected) {
        RequestContext.Builder request = RequestContext.builder(DEV, action).resource(resource);
        context.forEach((key, value) -> request.put(key, ContextValue.string(value)));
        assertThat(evaluator.evaluate(PolicySet.of(compiled(policy)), request.build()).decision())
                .isEqualTo(expected);
    }

    @Test
    void theLogDeliveryStatementOfWafFullAccessNeedsTheCallToComeThroughWafv2() {
        RequestContext.Builder direct = RequestContext.builder(DEV, "logs:PutResourcePolicy");
        RequestContext.Builder viaWaf = RequestContext.builder(DEV, "logs:PutResourcePolicy")
                .calledVia(List.of("wafv2.amazonaws.com"));
        PolicySet waf = PolicySet.of(compiled("AWSWAFFullAccess"));
        assertThat(evaluator.evaluate(waf, direct.build()).decision()).isEqualTo(IMPLICIT_DENY);
        assertThat(evaluator.evaluate(waf, viaWaf.build()).decision()).isEqualTo(ALLOWED);
    }

    /** Every AWS managed policy the CLI examples and botocore's examples attach, list or set as a boundary. */
    @Test
    void everyAwsManagedPolicyTheCorporaUseIsBundled() throws IOException {
        Path cliExamples = Corpora.require("awscli-examples/iam");
        Path botocoreExamples = Corpora.require("wire-format/botocore-service-data/iam");
        Pattern used = Pattern.compile("(?:--policy-arn|--permissions-boundary|\"PolicyArn\":)\\s+\"?"
                + "arn:aws:iam::aws:policy/([A-Za-z0-9_+=,.@-]+)");
        Set<String> names = new TreeSet<>();
        for (Path dir : List.of(cliExamples, botocoreExamples)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Matcher m = used.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        assertThat(names).contains("AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "AmazonS3FullAccess");
        assertThat(names).allSatisfy(name -> assertThat(BUNDLED.find(arn(name))).as(name).isPresent());
    }
}
