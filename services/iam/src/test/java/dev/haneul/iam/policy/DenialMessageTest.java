package dev.haneul.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AWS's access-denied wording for each reason, on the brief's RDS example. */
class DenialMessageTest {

    private static final String ACCOUNT = "000000000000";
    private static final String CLUSTER = "arn:aws:rds:us-east-1:000000000000:cluster:board-db";
    private static final Principal DEV = Principal.user(ACCOUNT, "/", "dev", "AIDADEV", Map.of());
    private static final String PREFIX = "User: arn:aws:iam::000000000000:user/dev is not authorized to perform: "
            + "rds:DeleteDBCluster on resource: " + CLUSTER + " ";

    private final Evaluator evaluator = new Evaluator();

    @Test
    void noIdentityPolicyAllows() {
        assertThat(message(PolicySet.of())).isEqualTo(PREFIX
                + "because no identity-based policy allows the rds:DeleteDBCluster action");
    }

    @Test
    void explicitDenyInAManagedIdentityPolicyNamesItsArn() {
        CompiledPolicy managed = CompiledPolicy.parse(denyDocument(), PolicyType.IDENTITY,
                PolicySource.managed("arn:aws:iam::000000000000:policy/NoDeletes", PolicySource.Type.USER_MANAGED));

        assertThat(message(PolicySet.of(allowAll(), managed))).isEqualTo(PREFIX
                + "with an explicit deny in an identity-based policy: arn:aws:iam::000000000000:policy/NoDeletes");
    }

    @Test
    void explicitDenyInAnInlinePolicyHasNoArn() {
        CompiledPolicy inline = CompiledPolicy.parse(denyDocument(), PolicyType.IDENTITY,
                PolicySource.of("inline", PolicySource.Type.USER));

        assertThat(message(PolicySet.of(allowAll(), inline))).isEqualTo(PREFIX
                + "with an explicit deny in an identity-based policy");
    }

    @Test
    void boundaryReasons() {
        CompiledPolicy boundary = CompiledPolicy.parse(denyDocument(), PolicyType.IDENTITY,
                PolicySource.managed("arn:aws:iam::000000000000:policy/Boundary", PolicySource.Type.USER_MANAGED));
        CompiledPolicy emptyBoundary = Fixtures.identity(Fixtures.allow("ec2:Describe*", "*"));

        assertThat(message(PolicySet.of(allowAll()).withPermissionsBoundary(emptyBoundary))).isEqualTo(PREFIX
                + "because no permissions boundary allows the rds:DeleteDBCluster action");
        assertThat(message(PolicySet.of(allowAll()).withPermissionsBoundary(boundary))).isEqualTo(PREFIX
                + "with an explicit deny in a permissions boundary: arn:aws:iam::000000000000:policy/Boundary");
    }

    @Test
    void sessionAndResourceReasons() {
        Principal session = Principal.roleSession(ACCOUNT, "/", "ops", "AROAOPS", "s1", Map.of());
        RequestContext request = RequestContext.builder(session, "rds:DeleteDBCluster").resource(CLUSTER).build();
        Decision noSession = evaluator.evaluate(PolicySet.of(allowAll())
                .withSessionPolicies(List.of(Fixtures.identity(Fixtures.allow("ec2:Describe*", "*")))), request);
        CompiledPolicy resourcePolicy = Fixtures.resource("{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"rds:*\",\"Resource\":\"*\"}");
        Decision resourceDeny = evaluator.evaluate(PolicySet.of(allowAll()).withResourcePolicy(resourcePolicy),
                request);

        assertThat(DenialMessage.format(noSession, request)).isEqualTo("User: arn:aws:sts::000000000000:assumed-role/"
                + "ops/s1 is not authorized to perform: rds:DeleteDBCluster on resource: " + CLUSTER
                + " because no session policy allows the rds:DeleteDBCluster action");
        assertThat(DenialMessage.format(resourceDeny, request)).endsWith(
                " with an explicit deny in a resource-based policy");
    }

    @Test
    void anActionOnNoResourceOmitsIt() {
        RequestContext request = RequestContext.builder(DEV, "rds:DescribeDBClusters").build();

        assertThat(DenialMessage.format(evaluator.evaluate(PolicySet.of(), request), request)).isEqualTo(
                "User: arn:aws:iam::000000000000:user/dev is not authorized to perform: rds:DescribeDBClusters "
                        + "because no identity-based policy allows the rds:DescribeDBClusters action");
    }

    @Test
    void anAllowHasNoMessage() {
        RequestContext request = RequestContext.builder(DEV, "rds:DeleteDBCluster").resource(CLUSTER).build();
        Decision allowed = evaluator.evaluate(PolicySet.of(allowAll()), request);

        assertThatThrownBy(() -> DenialMessage.format(allowed, request)).isInstanceOf(IllegalArgumentException.class);
    }

    private String message(PolicySet policies) {
        RequestContext request = RequestContext.builder(DEV, "rds:DeleteDBCluster").resource(CLUSTER).build();
        return DenialMessage.format(evaluator.evaluate(policies, request), request);
    }

    private static CompiledPolicy allowAll() {
        return Fixtures.identity("admin", Fixtures.allow("*", "*"));
    }

    private static String denyDocument() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoDeletes\",\"Effect\":\"Deny\","
                + "\"Action\":\"rds:Delete*\",\"Resource\":\"*\"}]}";
    }
}
