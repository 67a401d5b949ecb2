package dev.haneul.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The grammar IAM enforces on a policy document, with AWS's {@code MalformedPolicyDocument} messages. */
class PolicyParserTest {

    private static final String V12 = "\"Version\":\"2012-10-17\",";

    @Test
    void statementAsObjectOrArrayAndValuesAsStringOrArray() {
        PolicyDocument single = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""",
                PolicyType.IDENTITY);
        PolicyDocument array = PolicyParser.parse("""
                {"Version":"2012-10-17","Id":"doc","Statement":[{"Sid":"One","Effect":"Deny",
                 "NotAction":["s3:Get*","s3:List*"],"NotResource":["arn:aws:s3:::a","arn:aws:s3:::b/*"]}]}""",
                PolicyType.IDENTITY);

        assertThat(single.version()).isEqualTo(PolicyVersion.V2012_10_17);
        assertThat(single.statements()).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("s3:GetObject");
            assertThat(s.resources()).containsExactly("*");
            assertThat(s.effect()).isEqualTo(Effect.ALLOW);
        });
        assertThat(array.id()).isEqualTo("doc");
        assertThat(array.statements()).singleElement().satisfies(s -> {
            assertThat(s.sid()).isEqualTo("One");
            assertThat(s.notAction()).isTrue();
            assertThat(s.notResource()).isTrue();
            assertThat(s.actions()).containsExactly("s3:Get*", "s3:List*");
        });
    }

    @Test
    void withoutVersionTheLegacyGrammarAndNoVariables() {
        PolicyDocument document = PolicyParser.parse("""
                {"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*"}]}""",
                PolicyType.IDENTITY);

        assertThat(document.version()).isEqualTo(PolicyVersion.V2008_10_17);
        assertThat(document.version().hasVariables()).isFalse();
    }

    @Test
    void statementPositionsAreReportedOneBased() {
        PolicyDocument document = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[\n"
                + "  {\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}\n]}", PolicyType.IDENTITY);

        PolicyDocument.Statement statement = document.statements().get(0);
        assertThat(statement.start()).isEqualTo(new SourcePosition(2, 3));
        assertThat(statement.end()).as("the closing brace").isEqualTo(new SourcePosition(2, 48));
    }

    @Test
    void conditionValuesMayBeJsonNumbersAndBooleans() {
        PolicyDocument document = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*",
                 "Condition":{"NumericLessThanEquals":{"s3:max-keys":10},"Bool":{"aws:SecureTransport":[true]}}}]}""",
                PolicyType.IDENTITY);

        assertThat(document.statements().get(0).conditions()).containsExactly(
                new PolicyDocument.ConditionEntry("NumericLessThanEquals", "s3:max-keys", List.of("10")),
                new PolicyDocument.ConditionEntry("Bool", "aws:SecureTransport", List.of("true")));
    }

    @Test
    void principalsOfAResourcePolicy() {
        PolicyDocument document = PolicyParser.parse("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
                 {"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::111122223333:user/bob"],
                   "Service":"ec2.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
                 {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*",
                  "Resource":"arn:aws:s3:::b/*"}]}""", PolicyType.RESOURCE);

        assertThat(document.statements().get(0).principal().anyone()).isTrue();
        assertThat(document.statements().get(1).principal().byType()).isEqualTo(Map.of(
                "AWS", List.of("111122223333", "arn:aws:iam::111122223333:user/bob"),
                "Service", List.of("ec2.amazonaws.com")));
        assertThat(document.statements().get(2).notPrincipal()).isTrue();
    }

    static List<Arguments> malformed() {
        String ok = "\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"";
        return List.of(
                // not JSON: each API has its own words
                Arguments.of("identity: not JSON", "{\"Version\":", PolicyType.IDENTITY, PolicyMessages.SYNTAX_ERRORS),
                Arguments.of("trust: not JSON", "{oops}", PolicyType.TRUST, PolicyMessages.INVALID_JSON),
                Arguments.of("bucket: not an object", "hello", PolicyType.RESOURCE, PolicyMessages.FIRST_BYTE),
                Arguments.of("bucket: empty", "", PolicyType.RESOURCE, PolicyMessages.FIRST_BYTE),
                Arguments.of("duplicate keys", "{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\"}",
                        PolicyType.IDENTITY, PolicyMessages.SYNTAX_ERRORS),
                Arguments.of("trailing content", "{" + V12 + "\"Statement\":{" + ok + "}} {}", PolicyType.IDENTITY,
                        PolicyMessages.SYNTAX_ERRORS),
                // structure
                Arguments.of("no Statement", "{" + V12.replace(",", "") + "}", PolicyType.RESOURCE,
                        PolicyMessages.MISSING_STATEMENT),
                Arguments.of("empty Statement", "{" + V12 + "\"Statement\":[]}", PolicyType.IDENTITY,
                        PolicyMessages.MISSING_STATEMENT),
                Arguments.of("unknown top-level field", "{" + V12 + "\"Description\":\"x\",\"Statement\":{" + ok + "}}",
                        PolicyType.IDENTITY, PolicyMessages.SYNTAX_ERRORS),
                Arguments.of("unknown statement field", "{" + V12 + "\"Statement\":{" + ok + ",\"Comment\":\"x\"}}",
                        PolicyType.IDENTITY, PolicyMessages.SYNTAX_ERRORS),
                Arguments.of("unknown field, legacy document", "{\"Statement\":{" + ok + ",\"Comment\":\"x\"}}",
                        PolicyType.IDENTITY, PolicyMessages.LEGACY_PARSING),
                Arguments.of("bad ARN, legacy document", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iam:Pass"
                        + "Role\",\"Resource\":\"arn:aws:iam:79:user/x\"}}", PolicyType.IDENTITY,
                        PolicyMessages.LEGACY_PARSING),
                Arguments.of("unknown Version", "{\"Version\":\"2012-10-18\",\"Statement\":{" + ok + "}}",
                        PolicyType.IDENTITY, PolicyMessages.LEGACY_PARSING),
                Arguments.of("Statement of strings", "{" + V12 + "\"Statement\":[\"x\"]}", PolicyType.IDENTITY,
                        PolicyMessages.SYNTAX_ERRORS),
                // Effect
                Arguments.of("no Effect", "{" + V12 + "\"Statement\":{\"Action\":\"s3:*\",\"Resource\":\"*\"}}",
                        PolicyType.IDENTITY, PolicyMessages.MISSING_EFFECT),
                Arguments.of("lower-case Effect", "{" + V12 + "\"Statement\":{" + ok.replace("Allow", "allow") + "}}",
                        PolicyType.IDENTITY, PolicyMessages.SYNTAX_ERRORS),
                // Action
                Arguments.of("no Action", "{" + V12 + "\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}",
                        PolicyType.IDENTITY, PolicyMessages.MUST_CONTAIN_ACTIONS),
                Arguments.of("Action and NotAction", "{" + V12 + "\"Statement\":{" + ok + ",\"NotAction\":\"s3:*\"}}",
                        PolicyType.IDENTITY, PolicyMessages.SYNTAX_ERRORS),
                Arguments.of("action without vendor", "{" + V12 + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
                        + "\"GetObject\",\"Resource\":\"*\"}}", PolicyType.IDENTITY, PolicyMessages.VENDOR_PREFIX),
                Arguments.of("action with two colons", "{" + V12 + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
                        + "\"s3:Get:Object\",\"Resource\":\"*\"}}", PolicyType.IDENTITY, PolicyMessages.ONE_COLON),
                Arguments.of("Action is a number", "{" + V12 + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":1,"
                        + "\"Resource\":\"*\"}}", PolicyType.IDENTITY, PolicyMessages.SYNTAX_ERRORS),
                // Resource
                Arguments.of("no Resource", "{" + V12 + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}}",
                        PolicyType.IDENTITY, PolicyMessages.MUST_CONTAIN_RESOURCES),
                Arguments.of("Resource and NotResource", "{" + V12 + "\"Statement\":{" + ok
                        + ",\"NotResource\":\"*\"}}", PolicyType.IDENTITY, PolicyMessages.SYNTAX_ERRORS),
                Arguments.of("resource not an ARN", "{" + V12 + "\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
                        + "\"s3:*\",\"Resource\":\"my-bucket\"}}", PolicyType.IDENTITY,
                        PolicyMessages.resourceNotArn("my-bucket")),
                Arguments.of("trust policy with Resource", "{" + V12 + "\"Statement\":{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\","
                        + "\"Resource\":\"*\"}}", PolicyType.TRUST, PolicyMessages.PROHIBITED_RESOURCE),
                // Principal
                Arguments.of("identity policy with Principal", "{" + V12 + "\"Statement\":{" + ok
                        + ",\"Principal\":\"*\"}}", PolicyType.IDENTITY, PolicyMessages.NO_PRINCIPAL_ALLOWED),
                Arguments.of("resource policy without Principal", "{" + V12 + "\"Statement\":{" + ok + "}}",
                        PolicyType.RESOURCE, PolicyMessages.MISSING_PRINCIPAL),
                Arguments.of("trust policy without Principal", "{" + V12 + "\"Statement\":{\"Effect\":\"Allow\","
                        + "\"Action\":\"sts:AssumeRole\"}}", PolicyType.TRUST, PolicyMessages.MISSING_PRINCIPAL),
                Arguments.of("partial principal wildcard", "{" + V12 + "\"Statement\":{" + ok
                        + ",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/*\"}}}", PolicyType.RESOURCE,
                        PolicyMessages.invalidPrincipal("AWS", "arn:aws:iam::111122223333:user/*")),
                Arguments.of("principal not an ARN", "{" + V12 + "\"Statement\":{" + ok
                        + ",\"Principal\":{\"AWS\":\"bob\"}}}", PolicyType.RESOURCE,
                        PolicyMessages.invalidPrincipal("AWS", "bob")),
                // Sid
                Arguments.of("Sid with a dash", "{" + V12 + "\"Statement\":{\"Sid\":\"auto-id\"," + ok + "}}",
                        PolicyType.IDENTITY, PolicyMessages.SID_ALPHANUMERIC),
                Arguments.of("duplicate Sids", "{" + V12 + "\"Statement\":[{\"Sid\":\"A\"," + ok + "},{\"Sid\":\"A\","
                        + ok + "}]}", PolicyType.IDENTITY, PolicyMessages.SID_UNIQUE),
                // Condition
                Arguments.of("unknown operator", "{" + V12 + "\"Statement\":{" + ok
                        + ",\"Condition\":{\"StringEqual\":{\"aws:username\":\"x\"}}}}", PolicyType.IDENTITY,
                        PolicyMessages.invalidConditionType("StringEqual")),
                Arguments.of("Null with IfExists", "{" + V12 + "\"Statement\":{" + ok
                        + ",\"Condition\":{\"NullIfExists\":{\"aws:username\":\"true\"}}}}", PolicyType.IDENTITY,
                        PolicyMessages.invalidConditionType("NullIfExists")),
                Arguments.of("condition value an object", "{" + V12 + "\"Statement\":{" + ok
                        + ",\"Condition\":{\"StringEquals\":{\"aws:username\":{\"a\":1}}}}}", PolicyType.IDENTITY,
                        PolicyMessages.SYNTAX_ERRORS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedDocumentsGetAwsMessages(String name, String json, PolicyType type, String message) {
        assertThatThrownBy(() -> PolicyParser.parse(json, type))
                .isInstanceOfSatisfying(MalformedPolicyDocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    @Test
    void resourcePoliciesMayUseAnySidAndRepeatIt() {
        String statement = "{\"Sid\":\"Allow public read\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}";

        PolicyDocument document = PolicyParser.parse("{" + V12 + "\"Statement\":[" + statement + "," + statement + "]}",
                PolicyType.RESOURCE);

        assertThat(document.statements()).hasSize(2);
    }

    @Test
    void sizeAndCharacterChecksForTheApiLayer() {
        assertThat(PolicyText.length("{ \"a\" :\n\t1 }")).isEqualTo(7);
        assertThat(PolicyText.hasOnlyAllowedCharacters("{\"Sid\":\"caf\u00e9\"}\t\r\n")).isTrue();
        assertThat(PolicyText.hasOnlyAllowedCharacters("{\"Sid\":\"\u4e2d\"}")).isFalse();
        assertThat(PolicyText.hasOnlyAllowedCharacters("{\u0001}")).isFalse();
    }
}
