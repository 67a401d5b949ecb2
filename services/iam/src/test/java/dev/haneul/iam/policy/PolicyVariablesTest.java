package dev.haneul.iam.policy;

import static dev.haneul.iam.policy.Fixtures.allow;
import static dev.haneul.iam.policy.Fixtures.allowWhen;
import static dev.haneul.iam.policy.Fixtures.identity;
import static dev.haneul.iam.policy.Fixtures.request;
import static dev.haneul.iam.policy.Fixtures.roleSession;
import static dev.haneul.iam.policy.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Policy variables, from the IAM user guide's "IAM policy elements: Variables and tags". */
class PolicyVariablesTest {

    private final Evaluator evaluator = new Evaluator();

    static List<Arguments> resources() {
        Principal alice = user("alice", Map.of("team", "yellow"));
        Principal bob = user("bob");
        return List.of(
                // ${aws:username} in the resource part: each user's home
                Arguments.of("arn:aws:s3:::home/${aws:username}/*", alice, "arn:aws:s3:::home/alice/notes", true),
                Arguments.of("arn:aws:s3:::home/${aws:username}/*", alice, "arn:aws:s3:::home/bob/notes", false),
                // a resolved value is literal: the user named "a*" would not reach everyone's home
                Arguments.of("arn:aws:s3:::home/${aws:username}", user("a*"), "arn:aws:s3:::home/abc", false),
                Arguments.of("arn:aws:s3:::home/${aws:username}", user("a*"), "arn:aws:s3:::home/a*", true),
                // keys are case-insensitive
                Arguments.of("arn:aws:s3:::home/${AWS:UserName}/*", alice, "arn:aws:s3:::home/alice/x", true),
                // tags as variables
                Arguments.of("arn:aws:s3:::bucket-${aws:PrincipalTag/team}/*", alice, "arn:aws:s3:::bucket-yellow/x",
                        true),
                // default value when the key has none
                Arguments.of("arn:aws:s3:::bucket-${aws:PrincipalTag/team, 'company-wide'}", bob,
                        "arn:aws:s3:::bucket-company-wide", true),
                Arguments.of("arn:aws:s3:::bucket-${aws:PrincipalTag/team, 'company-wide'}", alice,
                        "arn:aws:s3:::bucket-company-wide", false),
                // no value, no default: the resource matches nothing
                Arguments.of("arn:aws:s3:::bucket-${aws:PrincipalTag/team}*", bob, "arn:aws:s3:::bucket-x", false),
                Arguments.of("arn:aws:s3:::home/${aws:username}/*", roleSession("r", "s"), "arn:aws:s3:::home//x",
                        false),
                // ${*}, ${?}, ${$} are the literal characters
                Arguments.of("arn:aws:s3:::b/${*}", alice, "arn:aws:s3:::b/*", true),
                Arguments.of("arn:aws:s3:::b/${*}", alice, "arn:aws:s3:::b/anything", false),
                Arguments.of("arn:aws:s3:::b/what${?}", alice, "arn:aws:s3:::b/what?", true),
                Arguments.of("arn:aws:s3:::b/what${?}", alice, "arn:aws:s3:::b/whatX", false),
                Arguments.of("arn:aws:s3:::b/${$}5", alice, "arn:aws:s3:::b/$5", true));
    }

    @ParameterizedTest(name = "{0} as {1} on {2} -> {3}")
    @MethodSource("resources")
    void inResources(String resource, Principal principal, String requested, boolean allowed) {
        CompiledPolicy policy = identity(allow("s3:GetObject", resource));

        Decision decision = evaluator.evaluate(PolicySet.of(policy),
                request(principal, "s3:GetObject", requested).build());

        assertThat(decision.allowed()).isEqualTo(allowed);
    }

    @Test
    void withoutVersion2012TheyAreLiteralText() {
        CompiledPolicy legacy = CompiledPolicy.parse("""
                {"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}"}}""",
                PolicyType.IDENTITY, PolicySource.of("legacy", PolicySource.Type.USER));

        assertThat(decide(legacy, user("alice"), "arn:aws:s3:::home/alice")).isFalse();
        assertThat(decide(legacy, user("alice"), "arn:aws:s3:::home/${aws:username}")).isTrue();
    }

    @Test
    void inStringConditionsAndNoValueMatchesNothing() {
        CompiledPolicy equal = identity(allowWhen("s3:GetObject", "*",
                "{\"StringEquals\":{\"s3:ExistingObjectTag/Team\":\"${aws:PrincipalTag/Team}\"}}"));
        CompiledPolicy notEqual = identity(allowWhen("s3:GetObject", "*",
                "{\"StringNotEquals\":{\"s3:ExistingObjectTag/Team\":\"${aws:PrincipalTag/Team}\"}}"));
        RequestContext tagged = request(user("alice", Map.of("Team", "red")), "s3:GetObject", "arn:aws:s3:::b/k")
                .put("s3:ExistingObjectTag/Team", ContextValue.string("red")).build();
        RequestContext untagged = request(user("bob"), "s3:GetObject", "arn:aws:s3:::b/k")
                .put("s3:ExistingObjectTag/Team", ContextValue.string("red")).build();

        assertThat(evaluator.evaluate(PolicySet.of(equal), tagged).allowed()).isTrue();
        assertThat(evaluator.evaluate(PolicySet.of(equal), untagged).allowed()).as("null equals nothing").isFalse();
        assertThat(evaluator.evaluate(PolicySet.of(notEqual), untagged).allowed())
                .as("an inverted operator matches the null value").isTrue();
    }

    @Test
    void inStringLikeTheValueIsLiteralAroundWildcards() {
        CompiledPolicy policy = identity(allowWhen("s3:ListBucket", "*",
                "{\"StringLike\":{\"s3:prefix\":[\"home/${aws:username}/*\"]}}"));

        RequestContext own = request(user("alice"), "s3:ListBucket", "arn:aws:s3:::b")
                .put("s3:prefix", ContextValue.string("home/alice/docs/")).build();
        RequestContext other = request(user("alice"), "s3:ListBucket", "arn:aws:s3:::b")
                .put("s3:prefix", ContextValue.string("home/bob/")).build();

        assertThat(evaluator.evaluate(PolicySet.of(policy), own).allowed()).isTrue();
        assertThat(evaluator.evaluate(PolicySet.of(policy), other).allowed()).isFalse();
    }

    @Test
    void aMultivaluedKeyIsNoVariable() {
        CompiledPolicy policy = identity(allowWhen("s3:GetObject", "*",
                "{\"StringEquals\":{\"test:Name\":\"${aws:TagKeys}\"}}"));
        RequestContext request = request(user("alice"), "s3:GetObject", "arn:aws:s3:::b/k")
                .requestTags(Map.of("env", "prod")).put("test:Name", ContextValue.string("env")).build();

        assertThat(evaluator.evaluate(PolicySet.of(policy), request).allowed()).isFalse();
    }

    @Test
    void inBoolConditions() {
        CompiledPolicy policy = identity(allowWhen("s3:GetObject", "*",
                "{\"Bool\":{\"aws:SecureTransport\":\"${test:Wanted}\"}}"));
        RequestContext request = request(user("alice"), "s3:GetObject", "arn:aws:s3:::b/k").secureTransport(true)
                .put("test:Wanted", ContextValue.string("true")).build();

        assertThat(evaluator.evaluate(PolicySet.of(policy), request).allowed()).isTrue();
    }

    @Test
    void notInNumericDateOrIpConditions() {
        CompiledPolicy policy = identity(allowWhen("s3:ListBucket", "*",
                "{\"NumericLessThanEquals\":{\"s3:max-keys\":\"${test:Limit}\"}}"));
        RequestContext request = request(user("alice"), "s3:ListBucket", "arn:aws:s3:::b")
                .put("s3:max-keys", ContextValue.numeric(5)).put("test:Limit", ContextValue.string("10")).build();

        assertThat(evaluator.evaluate(PolicySet.of(policy), request).allowed()).isFalse();
    }

    @Test
    void getContextKeysListsConditionKeysAndVariables() {
        CompiledPolicy policy = identity("""
                {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*",
                 "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},
                              "StringEquals":{"s3:ExistingObjectTag/Team":"${aws:PrincipalTag/Team}",
                                              "aws:SourceIP":"x"}}}""");

        assertThat(policy.contextKeys()).containsExactlyInAnyOrder("aws:username", "aws:SourceIp", "s3:ExistingObjectTag/Team",
                "aws:PrincipalTag/Team");
    }

    private boolean decide(CompiledPolicy policy, Principal principal, String resource) {
        return evaluator.evaluate(PolicySet.of(policy), request(principal, "s3:GetObject", resource).build()).allowed();
    }
}
