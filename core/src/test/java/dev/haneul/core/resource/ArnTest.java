package dev.haneul.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.state.Scope;
import org.junit.jupiter.api.Test;

class ArnTest {

    private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    @Test
    void buildsAndParsesTheShapesOfEveryService() {
        Arn cluster = Arn.of("rds", SCOPE, "cluster", ':', "board-db");
        assertThat(cluster).hasToString("arn:aws:rds:us-east-1:000000000000:cluster:board-db");
        assertThat(Arn.parse(cluster.toString())).contains(cluster);
        assertThat(cluster.resourceType()).isEqualTo("cluster");
        assertThat(cluster.resourceId()).isEqualTo("board-db");
        assertThat(cluster.isIn(SCOPE)).isTrue();
        assertThat(cluster.isIn(new Scope("000000000000", "eu-west-1"))).isFalse();

        Arn lb = Arn.parse("arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/web/50dc6c495c0c9188")
                .orElseThrow();
        assertThat(lb.resourceType()).isEqualTo("loadbalancer");
        assertThat(lb.resourceId()).isEqualTo("app/web/50dc6c495c0c9188");

        Arn object = Arn.parse("arn:aws:s3:::bucket/a:b/c").orElseThrow();
        assertThat(object.region()).isEmpty();
        assertThat(object.account()).isEmpty();
        assertThat(object.resourceType()).isEqualTo("bucket");
        assertThat(object.resourceId()).isEqualTo("a:b/c");

        Arn user = Arn.parse("arn:aws:iam::000000000000:user/division/dev").orElseThrow();
        assertThat(user.resourceId()).isEqualTo("division/dev");
        assertThat(Arn.parse("arn:aws:s3:::bucket").orElseThrow().resourceType()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAnArn() {
        assertThat(Arn.parse(null)).isEmpty();
        assertThat(Arn.parse("")).isEmpty();
        assertThat(Arn.parse("board-db")).isEmpty();
        assertThat(Arn.parse("arn:aws:rds:us-east-1:000000000000")).isEmpty();
        assertThat(Arn.parse("arn::rds:us-east-1:000000000000:cluster:x")).isEmpty();
        assertThat(Arn.parse("arn:aws:rds:us-east-1:000000000000:")).isEmpty();
        assertThatThrownBy(() -> new Arn("aws", "", "", "", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
