package dev.haneul.iam.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.iam.policy.ActionTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which ARNs a call is authorized on, from its input and the action table. */
class RequestResourcesTest {

    private static final ActionTable TABLE = ActionTable.load();
    private static final String ACCOUNT = "000000000000";

    private static List<String> resources(String action, Map<String, Object> input) {
        String prefix = action.substring(0, action.indexOf(':'));
        return RequestResources.resolve(TABLE.service(prefix), TABLE.action(action), input, "us-east-1", ACCOUNT,
                (type, name) -> name.equals("alice") ? "/division/" : "/");
    }

    @Test
    void identifiersFillTheTypesArnFormat() {
        assertThat(resources("rds:DeleteDBCluster", Map.of("DBClusterIdentifier", "board-db", "SkipFinalSnapshot", true)))
                .containsExactly("arn:aws:rds:us-east-1:" + ACCOUNT + ":cluster:board-db");
        assertThat(resources("elasticache:DeleteReplicationGroup", Map.of("ReplicationGroupId", "cache")))
                .containsExactly("arn:aws:elasticache:us-east-1:" + ACCOUNT + ":replicationgroup:cache");
    }

    @Test
    void aDescribeWithoutIdentifierIsOnTheTypesWildcard() {
        assertThat(resources("rds:DescribeDBClusters", Map.of()))
                .containsExactly("arn:aws:rds:us-east-1:" + ACCOUNT + ":cluster:*");
        assertThat(resources("elasticloadbalancing:DescribeLoadBalancers", Map.of())).containsExactly("*");
    }

    @Test
    void arnsInTheInputAreTakenAsTheyAre() {
        String lb = "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":loadbalancer/app/web/50dc6c495c0c9188";
        assertThat(resources("elasticloadbalancing:DeleteLoadBalancer", Map.of("LoadBalancerArn", lb)))
                .containsExactly(lb);
        assertThat(resources("sts:AssumeRole", Map.of("RoleArn", "arn:aws:iam::" + ACCOUNT + ":role/app",
                "RoleSessionName", "s"))).containsExactly("arn:aws:iam::" + ACCOUNT + ":role/app");
    }

    @Test
    void iamEntitiesKeepTheirPath() {
        assertThat(resources("iam:AttachUserPolicy", Map.of("UserName", "alice",
                "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess")))
                .containsExactly("arn:aws:iam::" + ACCOUNT + ":user/division/alice");
        assertThat(resources("iam:ListUsers", Map.of())).containsExactly("*");
    }
}
