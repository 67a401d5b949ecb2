package dev.haneul.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** Every decision is queryable: who, what, on which resource, the outcome and the deciding statement. */
class DecisionLogTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    private static final Principal DEV = Principal.user("000000000000", "/", "dev", "AIDADEV", Map.of());

    @Test
    void recordsEachDecisionWithTheStatementThatDecided() {
        DecisionLog log = DecisionLog.withCapacity(10);
        Evaluator evaluator = new Evaluator(ResourcePolicyProvider.none(), log, CLOCK);
        CompiledPolicy policy = CompiledPolicy.parse("""
                {"Version":"2012-10-17","Statement":[
                  {"Sid":"Read","Effect":"Allow","Action":"rds:Describe*","Resource":"*"},
                  {"Sid":"NoDelete","Effect":"Deny","Action":"rds:Delete*","Resource":"*"}]}""",
                PolicyType.IDENTITY, PolicySource.of("dev-policy", PolicySource.Type.USER));

        evaluator.evaluate(PolicySet.of(policy), RequestContext.builder(DEV, "rds:DescribeDBClusters").build());
        evaluator.evaluate(PolicySet.of(policy), RequestContext.builder(DEV, "rds:DeleteDBCluster")
                .resource("arn:aws:rds:us-east-1:000000000000:cluster:board-db").build());
        evaluator.evaluate(PolicySet.of(policy), RequestContext.builder(DEV, "rds:CreateDBCluster").build());

        assertThat(log.recent(10)).extracting(DecisionRecord::action, DecisionRecord::decision)
                .containsExactly(
                        Tuple.tuple("rds:CreateDBCluster", EvalDecision.IMPLICIT_DENY),
                        Tuple.tuple("rds:DeleteDBCluster", EvalDecision.EXPLICIT_DENY),
                        Tuple.tuple("rds:DescribeDBClusters", EvalDecision.ALLOWED));
        DecisionRecord denied = log.query(r -> r.decision() == EvalDecision.EXPLICIT_DENY, 10).get(0);
        assertThat(denied.principal()).isEqualTo("arn:aws:iam::000000000000:user/dev");
        assertThat(denied.resource()).isEqualTo("arn:aws:rds:us-east-1:000000000000:cluster:board-db");
        assertThat(denied.deciding().source().id()).isEqualTo("dev-policy");
        assertThat(denied.deciding().sid()).isEqualTo("NoDelete");
        assertThat(denied.deciding().index()).isEqualTo(1);
        assertThat(denied.reason()).isEqualTo(DenialReason.explicitDeny(PolicyCategory.IDENTITY));
        assertThat(denied.time()).isEqualTo(CLOCK.instant());
        assertThat(log.query(r -> r.decision() == EvalDecision.IMPLICIT_DENY, 10).get(0).deciding()).isNull();
    }

    @Test
    void keepsOnlyTheNewestCapacityRecords() {
        DecisionLog log = DecisionLog.withCapacity(3);
        for (int i = 0; i < 7; i++) {
            log.record(new DecisionRecord(Instant.EPOCH, "p", "s3:Action" + i, "*", EvalDecision.ALLOWED, null, null));
        }

        assertThat(log.written()).isEqualTo(7);
        assertThat(log.recent(10)).extracting(DecisionRecord::action)
                .containsExactly("s3:Action6", "s3:Action5", "s3:Action4");
        assertThat(log.recent(2)).hasSize(2);
    }

    @Test
    void aDisabledLogKeepsNothingAndCapacityMustBePositive() {
        DecisionLog.disabled().record(new DecisionRecord(Instant.EPOCH, "p", "a", "*", EvalDecision.ALLOWED, null,
                null));

        assertThat(DecisionLog.disabled().recent(10)).isEmpty();
        assertThatThrownBy(() -> DecisionLog.withCapacity(0)).hasMessage("capacity: 0 (expected: > 0)");
    }

    @Test
    void resourcePoliciesComeFromTheProvider() {
        CompiledPolicy bucketPolicy = Fixtures.resource("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
                + DEV.arn() + "\"},\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::public/*\"}");
        ResourcePolicyProvider provider = arn -> arn.startsWith("arn:aws:s3:::public/") ? bucketPolicy : null;
        Evaluator evaluator = new Evaluator(provider, DecisionLog.disabled(), CLOCK);

        assertThat(evaluator.evaluate(PolicySet.of(), RequestContext.builder(DEV, "s3:GetObject")
                .resource("arn:aws:s3:::public/a").build()).allowed()).isTrue();
        assertThat(evaluator.evaluate(PolicySet.of(), RequestContext.builder(DEV, "s3:GetObject")
                .resource("arn:aws:s3:::private/a").build()).allowed()).isFalse();
    }
}
