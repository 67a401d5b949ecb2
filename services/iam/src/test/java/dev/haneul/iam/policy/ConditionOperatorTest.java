package dev.haneul.iam.policy;

import static dev.haneul.iam.policy.ContextKeyType.BINARY;
import static dev.haneul.iam.policy.ContextKeyType.BOOLEAN;
import static dev.haneul.iam.policy.ContextKeyType.DATE;
import static dev.haneul.iam.policy.ContextKeyType.IP;
import static dev.haneul.iam.policy.ContextKeyType.NUMERIC;
import static dev.haneul.iam.policy.ContextKeyType.STRING;
import static dev.haneul.iam.policy.ContextKeyType.STRING_LIST;
import static dev.haneul.iam.policy.Fixtures.allowWhen;
import static dev.haneul.iam.policy.Fixtures.identity;
import static dev.haneul.iam.policy.Fixtures.request;
import static dev.haneul.iam.policy.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every condition operator, its {@code IfExists} form, {@code Null}, and the set operators, as a
 * table written from the IAM user guide's "Condition operators" and "Creating a condition with
 * multiple keys or values" pages. Each row is one policy condition and one request value; the
 * policy allows {@code s3:GetObject} only when the condition holds.
 */
class ConditionOperatorTest {

    private static final String KEY = "test:Key";
    private static final ContextValue ABSENT = null;

    private final Evaluator evaluator = new Evaluator();

    static List<Arguments> table() {
        return List.of(
                // String: exact and case-sensitive; IgnoreCase; Like with * and ?; negations AND their values
                row("StringEquals", "\"alice\"", v(STRING, "alice"), true),
                row("StringEquals", "\"alice\"", v(STRING, "Alice"), false),
                row("StringEquals", "\"a*\"", v(STRING, "abc"), false),
                row("StringEquals", "[\"a\",\"b\"]", v(STRING, "b"), true),
                row("StringEqualsIgnoreCase", "\"alice\"", v(STRING, "ALICE"), true),
                row("StringNotEquals", "[\"a\",\"b\"]", v(STRING, "c"), true),
                row("StringNotEquals", "[\"a\",\"b\"]", v(STRING, "b"), false),
                row("StringNotEqualsIgnoreCase", "\"a\"", v(STRING, "A"), false),
                row("StringLike", "\"home/*\"", v(STRING, "home/x/y"), true),
                row("StringLike", "\"t?.micro\"", v(STRING, "t2.micro"), true),
                row("StringLike", "\"t?.micro\"", v(STRING, "t22.micro"), false),
                row("StringLike", "\"Home/*\"", v(STRING, "home/x"), false),
                row("StringNotLike", "\"prod-*\"", v(STRING, "dev-1"), true),
                row("StringNotLike", "\"prod-*\"", v(STRING, "prod-1"), false),
                // Numeric: integers and decimals; a value that is no number matches neither way
                row("NumericLessThanEquals", "\"10\"", v(NUMERIC, "10"), true),
                row("NumericLessThanEquals", "\"10\"", v(NUMERIC, "11"), false),
                row("NumericLessThan", "\"10\"", v(NUMERIC, "9.5"), true),
                row("NumericEquals", "\"1.5\"", v(NUMERIC, "1.50"), true),
                row("NumericGreaterThan", "\"3\"", v(NUMERIC, "4"), true),
                row("NumericGreaterThanEquals", "\"3\"", v(NUMERIC, "2"), false),
                row("NumericNotEquals", "\"5\"", v(NUMERIC, "6"), true),
                row("NumericEquals", "\"5\"", v(STRING, "five"), false),
                row("NumericNotEquals", "\"5\"", v(STRING, "five"), false),
                // Date: W3C ISO 8601 and epoch seconds, compared as instants
                row("DateGreaterThan", "\"2020-01-01T00:00:00Z\"", v(DATE, "2021-06-01T12:00:00Z"), true),
                row("DateLessThan", "\"2020-01-01\"", v(NUMERIC, "1577836799"), true),
                row("DateLessThan", "\"2020-01-01\"", v(NUMERIC, "1577836800"), false),
                row("DateEquals", "\"2020-01-01T00:00:00Z\"", v(DATE, "2020-01-01T01:00:00+01:00"), true),
                row("DateLessThanEquals", "\"2020-01-01T00:00:00.000Z\"", v(DATE, "2020-01-01T00:00:00Z"), true),
                row("DateGreaterThanEquals", "\"1577836800\"", v(DATE, "2020-01-01T00:00:00Z"), true),
                row("DateNotEquals", "\"2020-01-01\"", v(DATE, "2020-01-02"), true),
                row("DateLessThan", "\"2020-01-01\"", v(STRING, "yesterday"), false),
                // Bool: true/false in any case
                row("Bool", "\"true\"", v(BOOLEAN, "true"), true),
                row("Bool", "\"true\"", v(BOOLEAN, "TRUE"), true),
                row("Bool", "\"false\"", v(BOOLEAN, "true"), false),
                row("Bool", "\"true\"", v(STRING, "yes"), false),
                // Binary: base-64, byte for byte
                row("BinaryEquals", "\"QmluYXJ5VmFsdWU=\"", v(BINARY, "QmluYXJ5VmFsdWU="), true),
                row("BinaryEquals", "\"QmluYXJ5VmFsdWU=\"", v(BINARY, "T3RoZXI="), false),
                // IP: IPv4 and IPv6 CIDR, bare address is /32; wrong family or not an address never matches
                row("IpAddress", "\"203.0.113.0/24\"", v(IP, "203.0.113.7"), true),
                row("IpAddress", "\"203.0.113.0/24\"", v(IP, "203.0.114.1"), false),
                row("IpAddress", "\"203.0.113.7\"", v(IP, "203.0.113.7"), true),
                row("IpAddress", "\"203.0.113.7\"", v(IP, "203.0.113.8"), false),
                row("IpAddress", "\"10.0.0.0/8\"", v(STRING, "10.1.2.3"), true),
                row("IpAddress", "[\"192.0.2.0/24\",\"2001:DB8:1234:5678::/64\"]", v(IP, "2001:db8:1234:5678:abcd::1"),
                        true),
                row("IpAddress", "\"2001:DB8:1234:5678::/64\"", v(IP, "2001:db8:1234:5679::1"), false),
                row("IpAddress", "\"::ffff:10.0.0.0/120\"", v(IP, "::ffff:10.0.0.9"), true),
                row("IpAddress", "\"10.0.0.0/8\"", v(IP, "::ffff:a00:1"), false),
                row("NotIpAddress", "\"10.0.0.0/8\"", v(IP, "192.168.1.1"), true),
                row("NotIpAddress", "\"10.0.0.0/8\"", v(IP, "10.9.9.9"), false),
                row("NotIpAddress", "\"10.0.0.0/8\"", v(STRING, "not-an-ip"), false),
                // ARN: each of the six components separately, wildcards within one; Equals is Like
                row("ArnLike", "\"arn:aws:iam::*:role/admin-*\"", v(STRING, "arn:aws:iam::111122223333:role/admin-x"),
                        true),
                row("ArnEquals", "\"arn:aws:iam::*:role/admin-*\"", v(STRING, "arn:aws:iam::111122223333:role/admin-x"),
                        true),
                row("ArnLike", "\"arn:aws:someservice:*:111122223333:finance/*\"",
                        v(STRING, "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/doc.txt"),
                        false),
                row("StringLike", "\"arn:aws:someservice:*:111122223333:finance/*\"",
                        v(STRING, "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/doc.txt"),
                        true),
                row("ArnNotLike", "\"arn:aws:kms:eu-west-2:111122223333:key/*\"",
                        v(STRING, "arn:aws:kms:eu-west-2:444455556666:key/1"), true),
                row("ArnNotEquals", "\"arn:aws:kms:eu-west-2:111122223333:key/*\"",
                        v(STRING, "arn:aws:kms:eu-west-2:111122223333:key/1"), false),
                // Null: true tests absence, false presence
                row("Null", "\"true\"", ABSENT, true),
                row("Null", "\"true\"", v(STRING, "x"), false),
                row("Null", "\"false\"", v(STRING, "x"), true),
                row("Null", "\"false\"", ABSENT, false),
                // a missing key: no match, so only the negated operators hold; IfExists holds
                row("StringEquals", "\"x\"", ABSENT, false),
                row("StringNotEquals", "\"x\"", ABSENT, true),
                row("StringNotLike", "\"x*\"", ABSENT, true),
                row("NotIpAddress", "\"10.0.0.0/8\"", ABSENT, true),
                row("ArnNotLike", "\"arn:aws:iam::*:root\"", ABSENT, true),
                row("StringEqualsIfExists", "\"x\"", ABSENT, true),
                row("StringEqualsIfExists", "\"x\"", v(STRING, "y"), false),
                row("StringEqualsIfExists", "\"x\"", v(STRING, "x"), true),
                row("NumericLessThanIfExists", "\"3\"", ABSENT, true),
                row("BoolIfExists", "\"false\"", ABSENT, true),
                row("BoolIfExists", "\"false\"", v(BOOLEAN, "false"), true),
                // ForAllValues: every request value matches one policy value; true on none
                row("ForAllValues:StringEquals", "[\"a\",\"b\"]", v(STRING_LIST, "a"), true),
                row("ForAllValues:StringEquals", "[\"a\",\"b\"]", v(STRING_LIST, "a", "b"), true),
                row("ForAllValues:StringEquals", "[\"a\",\"b\"]", v(STRING_LIST, "a", "c"), false),
                row("ForAllValues:StringEquals", "[\"a\",\"b\"]", v(STRING_LIST), true),
                row("ForAllValues:StringEquals", "[\"a\",\"b\"]", ABSENT, true),
                row("ForAllValues:StringNotEquals", "\"athena.amazonaws.com\"", v(STRING_LIST, "dynamodb.amazonaws.com"),
                        true),
                row("ForAllValues:StringNotEquals", "\"athena.amazonaws.com\"", v(STRING_LIST, "athena.amazonaws.com"),
                        false),
                row("ForAllValues:StringLike", "[\"env*\",\"team\"]", v(STRING_LIST, "env", "environment", "team"),
                        true),
                // ForAnyValue: one request value matches one policy value; false on none
                row("ForAnyValue:StringEquals", "[\"a\",\"b\"]", v(STRING_LIST, "c", "a"), true),
                row("ForAnyValue:StringEquals", "[\"a\",\"b\"]", v(STRING_LIST, "c"), false),
                row("ForAnyValue:StringEquals", "[\"a\",\"b\"]", v(STRING_LIST), false),
                row("ForAnyValue:StringEquals", "[\"a\",\"b\"]", ABSENT, false),
                row("ForAnyValue:StringEqualsIfExists", "[\"a\",\"b\"]", ABSENT, true),
                row("ForAnyValue:StringNotEquals", "[\"a\"]", v(STRING_LIST, "a", "b"), true),
                row("ForAnyValue:IpAddress", "\"10.0.0.0/8\"", v(ContextKeyType.IP_LIST, "192.0.2.1", "10.0.0.1"), true),
                // a multivalued (list-typed) key under a plain operator never matches, negated or not
                row("StringEquals", "\"us-east-1\"", v(STRING_LIST, "us-east-1"), false),
                row("StringLike", "[\"t2.*\",\"t3.*\"]", v(STRING_LIST, "t2.micro"), false),
                row("StringNotEquals", "\"x\"", v(STRING_LIST, "y"), false),
                // a single-valued key under a set operator is a set of one
                row("ForAnyValue:StringEquals", "\"a\"", v(STRING, "a"), true));
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @MethodSource("table")
    void operator(String operator, String policyValues, ContextValue requestValue, boolean holds) {
        CompiledPolicy policy = identity(allowWhen("s3:GetObject", "*",
                "{\"" + operator + "\":{\"" + KEY + "\":" + policyValues + "}}"));
        RequestContext.Builder builder = request(user("alice"), "s3:GetObject", "arn:aws:s3:::b/k");
        if (requestValue != null) {
            builder.put(KEY, requestValue);
        }

        Decision decision = evaluator.evaluate(PolicySet.of(policy), builder.build());

        assertThat(decision.allowed()).isEqualTo(holds);
    }

    /**
     * The user guide's example: several operators and several keys are ANDed, several values of one
     * key are ORed.
     */
    @Test
    void keysAndOperatorsAreAndedValuesAreOred() {
        CompiledPolicy policy = identity(allowWhen("s3:GetObject", "*", """
                {"StringEqualsIgnoreCase": {"aws:PrincipalTag/department": ["finance", "hr", "legal"],
                                            "aws:PrincipalTag/role": ["audit", "security"]},
                 "StringEquals": {"aws:PrincipalAccount": "111122223333"}}"""));

        assertThat(decide(policy, Map.of("department", "HR", "role", "audit"))).isTrue();
        assertThat(decide(policy, Map.of("department", "legal", "role", "Security"))).isTrue();
        assertThat(decide(policy, Map.of("department", "sales", "role", "audit"))).isFalse();
        assertThat(decide(policy, Map.of("department", "hr"))).isFalse();
    }

    @Test
    void conditionKeysAreCaseInsensitiveValuesAreNot() {
        CompiledPolicy policy = identity(allowWhen("s3:GetObject", "*",
                "{\"StringEquals\":{\"AWS:PRINCIPALTAG/Team\":\"Blue\"}}"));

        assertThat(decide(policy, Map.of("team", "Blue"))).isTrue();
        assertThat(decide(policy, Map.of("TEAM", "Blue"))).isTrue();
        assertThat(decide(policy, Map.of("team", "blue"))).isFalse();
    }

    @Test
    void missingKeysAreReported() {
        CompiledPolicy policy = identity(allowWhen("s3:GetObject", "*",
                "{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"},\"Bool\":{\"aws:SecureTransport\":\"true\"}}"));

        Decision decision = evaluator.evaluate(PolicySet.of(policy),
                request(user("alice"), "s3:GetObject", "arn:aws:s3:::b/k").secureTransport(true).build());

        assertThat(decision.decision()).isEqualTo(EvalDecision.IMPLICIT_DENY);
        assertThat(decision.missingContextValues()).containsExactly("aws:SourceIp");
    }

    private boolean decide(CompiledPolicy policy, Map<String, String> principalTags) {
        RequestContext request = request(user("alice", principalTags), "s3:GetObject", "arn:aws:s3:::b/k").build();
        return evaluator.evaluate(PolicySet.of(policy), request).allowed();
    }

    private static Arguments row(String operator, String policyValues, ContextValue requestValue, boolean holds) {
        return Arguments.of(operator, policyValues, requestValue, holds);
    }

    private static ContextValue v(ContextKeyType type, String... values) {
        return ContextValue.of(type, values);
    }
}
