package dev.haneul.iam.policy;

import static dev.haneul.iam.policy.EvalDecision.ALLOWED;
import static dev.haneul.iam.policy.EvalDecision.EXPLICIT_DENY;
import static dev.haneul.iam.policy.EvalDecision.IMPLICIT_DENY;
import static dev.haneul.iam.policy.Fixtures.ACCOUNT;
import static dev.haneul.iam.policy.Fixtures.OTHER_ACCOUNT;
import static dev.haneul.iam.policy.Fixtures.allow;
import static dev.haneul.iam.policy.Fixtures.deny;
import static dev.haneul.iam.policy.Fixtures.federatedUser;
import static dev.haneul.iam.policy.Fixtures.identity;
import static dev.haneul.iam.policy.Fixtures.request;
import static dev.haneul.iam.policy.Fixtures.resource;
import static dev.haneul.iam.policy.Fixtures.roleSession;
import static dev.haneul.iam.policy.Fixtures.user;
import static dev.haneul.iam.policy.PolicyCategory.IDENTITY;
import static dev.haneul.iam.policy.PolicyCategory.PERMISSIONS_BOUNDARY;
import static dev.haneul.iam.policy.PolicyCategory.RESOURCE;
import static dev.haneul.iam.policy.PolicyCategory.SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluation order, as tables written from the IAM user guide pages "Policy evaluation logic",
 * "Permissions boundaries for IAM entities", "Cross-account policy evaluation logic",
 * "NotAction", "NotResource" and "Principal": one row per rule, with the decision and the policy
 * type AWS's message would name.
 */
class EvaluatorTest {

    private static final String BUCKET = "arn:aws:s3:::shared";
    private static final String OBJECT = "arn:aws:s3:::shared/report.csv";
    private static final Principal ALICE = user("alice");
    private static final String ALICE_ARN = ALICE.arn();
    private static final Principal SESSION_PRINCIPAL = roleSession("auditor", "s1");
    private static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/auditor";
    private static final String SESSION_ARN = SESSION_PRINCIPAL.arn();
    private static final Principal FEDERATED = federatedUser("fed", "alice");

    private static final CompiledPolicy ALLOW_GET = identity("allow-get", allow("s3:GetObject", "*"));
    private static final CompiledPolicy ALLOW_NOTHING = identity("allow-nothing", allow("ec2:DescribeVpcs", "*"));
    private static final CompiledPolicy DENY_GET = identity("deny-get", deny("s3:GetObject", "*"));

    private final Evaluator evaluator = new Evaluator();

    static CompiledPolicy bucketPolicy(String effect, String principal) {
        return resource("{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":\"" + principal + "\"},"
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"" + BUCKET + "/*\"}");
    }

    static List<Arguments> singleAccount() {
        return List.of(
                // default deny; an allow overrides it; an explicit deny overrides any allow
                row("nothing applies", ALICE, PolicySet.of(), IMPLICIT_DENY, noAllow(IDENTITY)),
                row("identity allow", ALICE, PolicySet.of(ALLOW_GET), ALLOWED, null),
                row("unrelated allow", ALICE, PolicySet.of(ALLOW_NOTHING), IMPLICIT_DENY, noAllow(IDENTITY)),
                row("identity deny beats identity allow", ALICE, PolicySet.of(ALLOW_GET, DENY_GET), EXPLICIT_DENY,
                        denied(IDENTITY)),
                row("actions compare case-insensitively", ALICE, PolicySet.of(identity(allow("S3:getobject", "*"))),
                        ALLOWED, null),
                // NotAction: allow everything except; NotResource: deny everywhere except
                row("NotAction allows what it does not list", ALICE, PolicySet.of(identity(
                        "{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}")), ALLOWED, null),
                row("NotAction does not allow what it lists", ALICE, PolicySet.of(identity(
                        "{\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"Resource\":\"*\"}")), IMPLICIT_DENY,
                        noAllow(IDENTITY)),
                row("NotResource deny spares what it lists", ALICE, PolicySet.of(ALLOW_GET, identity("nr",
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":\"" + BUCKET + "/*\"}")), ALLOWED,
                        null),
                row("NotResource deny hits the rest", ALICE, PolicySet.of(ALLOW_GET, identity("nr",
                        "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::other/*\"}")),
                        EXPLICIT_DENY, denied(IDENTITY)),
                // the root user needs no identity policy, but a resource policy's deny still applies
                row("root has full access", Principal.root(ACCOUNT), PolicySet.of(), ALLOWED, null),
                row("root is not exempt from a resource deny", Principal.root(ACCOUNT),
                        PolicySet.of().withResourcePolicy(bucketPolicy("Deny", ACCOUNT)), EXPLICIT_DENY,
                        denied(RESOURCE)),
                // same account: a resource policy naming the caller itself is enough on its own
                row("bucket policy names the user", ALICE,
                        PolicySet.of().withResourcePolicy(bucketPolicy("Allow", ALICE_ARN)), ALLOWED, null),
                row("... even past a boundary that does not allow", ALICE, PolicySet.of().withPermissionsBoundary(
                        ALLOW_NOTHING).withResourcePolicy(bucketPolicy("Allow", ALICE_ARN)), ALLOWED, null),
                row("bucket policy names another user", ALICE,
                        PolicySet.of().withResourcePolicy(bucketPolicy("Allow", "arn:aws:iam::" + ACCOUNT
                                + ":user/bob")), IMPLICIT_DENY, noAllow(IDENTITY)),
                row("bucket policy names the account: identity policy still needed", ALICE,
                        PolicySet.of().withResourcePolicy(bucketPolicy("Allow", ACCOUNT)), IMPLICIT_DENY,
                        noAllow(IDENTITY)),
                row("bucket policy names the account, identity allows", ALICE,
                        PolicySet.of(ALLOW_GET).withResourcePolicy(bucketPolicy("Allow", ACCOUNT)), ALLOWED, null),
                row("bucket policy denies the user", ALICE,
                        PolicySet.of(ALLOW_GET).withResourcePolicy(bucketPolicy("Deny", ALICE_ARN)), EXPLICIT_DENY,
                        denied(RESOURCE)),
                row("bucket policy deny for another user does not apply", ALICE,
                        PolicySet.of(ALLOW_GET).withResourcePolicy(bucketPolicy("Deny", "arn:aws:iam::" + ACCOUNT
                                + ":user/bob")), ALLOWED, null),
                row("public read", Principal.anonymous(), PolicySet.of().withResourcePolicy(resource(
                        "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\""
                                + BUCKET + "/*\"}")), ALLOWED, null),
                row("anonymous without a public grant", Principal.anonymous(), PolicySet.of(ALLOW_GET),
                        IMPLICIT_DENY, noAllow(RESOURCE)),
                row("a service principal the policy names", Principal.service("logging.s3.amazonaws.com", ACCOUNT),
                        PolicySet.of().withResourcePolicy(resource("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                                + "\"logging.s3.amazonaws.com\"},\"Action\":\"s3:GetObject\",\"Resource\":\""
                                + BUCKET + "/*\"}")), ALLOWED, null));
    }

    static List<Arguments> roleSessions() {
        return List.of(
                // a role session has its role's identity policies; no session policy means no limit
                row("role policy allows", SESSION_PRINCIPAL, PolicySet.of(ALLOW_GET), ALLOWED, null),
                row("session policy also allows", SESSION_PRINCIPAL,
                        PolicySet.of(ALLOW_GET).withSessionPolicies(List.of(ALLOW_GET)), ALLOWED, null),
                row("session policy does not allow", SESSION_PRINCIPAL,
                        PolicySet.of(ALLOW_GET).withSessionPolicies(List.of(ALLOW_NOTHING)), IMPLICIT_DENY,
                        noAllow(SESSION)),
                row("session policy alone grants nothing", SESSION_PRINCIPAL,
                        PolicySet.of().withSessionPolicies(List.of(ALLOW_GET)), IMPLICIT_DENY, noAllow(IDENTITY)),
                row("session policy deny", SESSION_PRINCIPAL,
                        PolicySet.of(ALLOW_GET).withSessionPolicies(List.of(DENY_GET)), EXPLICIT_DENY, denied(SESSION)),
                // resource policy naming the session: not limited by identity, boundary or session policy
                row("bucket policy names the session", SESSION_PRINCIPAL, PolicySet.of().withPermissionsBoundary(
                        ALLOW_NOTHING).withSessionPolicies(List.of(ALLOW_NOTHING)).withResourcePolicy(
                        bucketPolicy("Allow", SESSION_ARN)), ALLOWED, null),
                // naming the role: stands in for the identity allow, limited by boundary and session policy
                row("bucket policy names the role", SESSION_PRINCIPAL,
                        PolicySet.of().withResourcePolicy(bucketPolicy("Allow", ROLE_ARN)), ALLOWED, null),
                row("... but the boundary does not allow", SESSION_PRINCIPAL, PolicySet.of().withPermissionsBoundary(
                        ALLOW_NOTHING).withResourcePolicy(bucketPolicy("Allow", ROLE_ARN)), IMPLICIT_DENY,
                        noAllow(PERMISSIONS_BOUNDARY)),
                row("... but the session policy does not allow", SESSION_PRINCIPAL, PolicySet.of()
                        .withSessionPolicies(List.of(ALLOW_NOTHING)).withResourcePolicy(bucketPolicy("Allow",
                                ROLE_ARN)), IMPLICIT_DENY, noAllow(SESSION)),
                // federated users (GetFederationToken) have no permissions without a session policy
                row("federated user without session policy", FEDERATED, PolicySet.of(ALLOW_GET), IMPLICIT_DENY,
                        noAllow(SESSION)),
                row("federated user with session policy", FEDERATED,
                        PolicySet.of(ALLOW_GET).withSessionPolicies(List.of(ALLOW_GET)), ALLOWED, null),
                row("bucket policy names the federated user", FEDERATED,
                        PolicySet.of().withResourcePolicy(bucketPolicy("Allow", FEDERATED.arn())), ALLOWED, null),
                row("bucket policy names the user who federated", FEDERATED,
                        PolicySet.of().withResourcePolicy(bucketPolicy("Allow", ALICE_ARN)), IMPLICIT_DENY,
                        noAllow(SESSION)),
                // an IAM user has no session: session policies never apply to it
                row("session policies ignored for a user", ALICE,
                        PolicySet.of(ALLOW_GET).withSessionPolicies(List.of(ALLOW_NOTHING)), ALLOWED, null));
    }

    static List<Arguments> boundaries() {
        CompiledPolicy boundaryAllowsS3 = identity("boundary", allow("s3:*", "*"));
        return List.of(
                // effective permissions: the intersection of identity policies and boundary
                row("both allow", ALICE, PolicySet.of(ALLOW_GET).withPermissionsBoundary(boundaryAllowsS3), ALLOWED,
                        null),
                row("boundary does not allow", ALICE, PolicySet.of(ALLOW_GET).withPermissionsBoundary(ALLOW_NOTHING),
                        IMPLICIT_DENY, noAllow(PERMISSIONS_BOUNDARY)),
                row("boundary alone grants nothing", ALICE, PolicySet.of().withPermissionsBoundary(boundaryAllowsS3),
                        IMPLICIT_DENY, noAllow(IDENTITY)),
                row("boundary deny", ALICE, PolicySet.of(ALLOW_GET).withPermissionsBoundary(identity("b",
                        allow("s3:*", "*") + "," + deny("s3:GetObject", "*"))), EXPLICIT_DENY,
                        denied(PERMISSIONS_BOUNDARY)),
                row("boundary limits a role session too", SESSION_PRINCIPAL,
                        PolicySet.of(ALLOW_GET).withPermissionsBoundary(ALLOW_NOTHING), IMPLICIT_DENY,
                        noAllow(PERMISSIONS_BOUNDARY)),
                // a Deny with NotPrincipal always applies to a caller with a boundary (user guide warning)
                row("NotPrincipal deny, caller listed, no boundary", ALICE, PolicySet.of(ALLOW_GET).withResourcePolicy(
                        resource("{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + ALICE_ARN + "\"},"
                                + "\"Action\":\"s3:*\",\"Resource\":\"" + BUCKET + "/*\"}")), ALLOWED, null),
                row("NotPrincipal deny, caller listed, boundary", ALICE, PolicySet.of(ALLOW_GET)
                        .withPermissionsBoundary(boundaryAllowsS3).withResourcePolicy(resource(
                                "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + ALICE_ARN + "\"},"
                                        + "\"Action\":\"s3:*\",\"Resource\":\"" + BUCKET + "/*\"}")), EXPLICIT_DENY,
                        denied(RESOURCE)));
    }

    static List<Arguments> crossAccount() {
        Principal stranger = Principal.user(OTHER_ACCOUNT, "/", "carol", "AIDACAROL", Map.of());
        return List.of(
                // across accounts, both the caller's policies and the resource policy must allow
                row("both sides allow", stranger, PolicySet.of(ALLOW_GET).withResourcePolicy(
                        bucketPolicy("Allow", stranger.arn())), ALLOWED, null),
                row("only the identity side allows", stranger, PolicySet.of(ALLOW_GET), IMPLICIT_DENY,
                        noAllow(RESOURCE)),
                row("only the resource side allows", stranger, PolicySet.of().withResourcePolicy(
                        bucketPolicy("Allow", stranger.arn())), IMPLICIT_DENY, noAllow(IDENTITY)),
                row("resource side trusts the caller's account", stranger, PolicySet.of(ALLOW_GET)
                        .withResourcePolicy(bucketPolicy("Allow", "arn:aws:iam::" + OTHER_ACCOUNT + ":root")),
                        ALLOWED, null),
                row("resource side denies", stranger, PolicySet.of(ALLOW_GET).withResourcePolicy(resource(
                        "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"" + BUCKET
                                + "/*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
                                + "\"Resource\":\"" + BUCKET + "/*\"}")), EXPLICIT_DENY, denied(RESOURCE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleAccount")
    void withinOneAccount(String name, Principal principal, PolicySet policies, EvalDecision decision,
                          DenialReason reason) {
        expect(policies, request(principal, "s3:GetObject", OBJECT).build(), decision, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roleSessions")
    void sessions(String name, Principal principal, PolicySet policies, EvalDecision decision, DenialReason reason) {
        expect(policies, request(principal, "s3:GetObject", OBJECT).build(), decision, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaries")
    void permissionsBoundaries(String name, Principal principal, PolicySet policies, EvalDecision decision,
                               DenialReason reason) {
        expect(policies, request(principal, "s3:GetObject", OBJECT).build(), decision, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossAccount")
    void acrossAccounts(String name, Principal principal, PolicySet policies, EvalDecision decision,
                        DenialReason reason) {
        expect(policies, request(principal, "s3:GetObject", OBJECT).resourceAccount(ACCOUNT).build(), decision,
                reason);
    }

    @Test
    void severalResourcesAreDecidedOneByOneAndTheWorstWins() {
        PolicySet policies = PolicySet.of(identity(allow("s3:GetObject", BUCKET + "/public/*") + ","
                + deny("s3:GetObject", BUCKET + "/secret/*")));
        RequestContext request = request(ALICE, "s3:GetObject", "*").build();
        String allowed = BUCKET + "/public/a";
        String implicit = BUCKET + "/other/b";
        String denied = BUCKET + "/secret/c";

        assertThat(evaluator.evaluateAll(policies, request, List.of(allowed)).decision()).isEqualTo(ALLOWED);
        assertThat(evaluator.evaluateAll(policies, request, List.of(allowed, implicit)).decision())
                .isEqualTo(IMPLICIT_DENY);
        assertThat(evaluator.evaluateAll(policies, request, List.of(implicit, denied, allowed)).decision())
                .isEqualTo(EXPLICIT_DENY);
    }

    private void expect(PolicySet policies, RequestContext request, EvalDecision decision, DenialReason reason) {
        Decision actual = evaluator.evaluate(policies, request);
        assertThat(actual.decision()).isEqualTo(decision);
        assertThat(actual.reason()).isEqualTo(reason);
    }

    private static Arguments row(String name, Principal principal, PolicySet policies, EvalDecision decision,
                                 DenialReason reason) {
        return Arguments.of(name, principal, policies, decision, reason);
    }

    private static DenialReason noAllow(PolicyCategory category) {
        return DenialReason.noAllow(category);
    }

    private static DenialReason denied(PolicyCategory category) {
        return DenialReason.explicitDeny(category);
    }
}
