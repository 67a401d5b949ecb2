package dev.haneul.iam.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.iam.auth.Credentials;
import dev.haneul.iam.auth.IamAuthorization;
import dev.haneul.iam.auth.PolicyResolver;
import dev.haneul.iam.policy.ActionTable;
import dev.haneul.iam.policy.DecisionLog;
import dev.haneul.iam.policy.Evaluator;
import dev.haneul.iam.policy.PolicyText;
import dev.haneul.iam.policy.ResourcePolicyProvider;
import dev.haneul.iam.store.AwsManagedPolicies;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IAM's entity rules through the provider, without a server: names, limits, conflicts, versions. */
class IamEntityRulesTest {

    private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"*\",\"Resource\":\"*\"}]}";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    @TempDir
    Path dir;

    private IamProvider iam;

    @BeforeEach
    void provider() {
        Clock clock = Clock.systemUTC();
        IamStore store = new IamStore(ScopedStore.open(dir, "iam", IamState.class, IamState::new), "000000000000", clock);
        Credentials credentials = new Credentials(store, Map.of("test", "test"));
        PolicyResolver policies = new PolicyResolver(store);
        Evaluator evaluator = new Evaluator(ResourcePolicyProvider.none(), DecisionLog.disabled(), clock);
        iam = new IamProvider(store, credentials, new IamAuthorization(false, store, credentials, policies, evaluator,
                ActionTable.load(), clock), DecisionLog.disabled(), new SimulatorOperations.Engine(policies, evaluator));
    }

    private Map<String, Object> call(String operation, Object... members) {
        Map<String, Object> input = new LinkedHashMap<>();
        for (int i = 0; i < members.length; i += 2) {
            input.put((String) members[i], members[i + 1]);
        }
        RequestContext context = new RequestContext("r1", "000000000000", "us-east-1", "test", "iam", operation,
                Instant.now());
        return iam.invoke(context, iam.model().operation(operation).orElseThrow(), input);
    }

    private AwsServiceException fails(String operation, Object... members) {
        return catchThrowableOfType(AwsServiceException.class, () -> call(operation, members));
    }

    @Test
    void userNamesAreUniqueWhateverTheirCase() {
        call("CreateUser", "UserName", "Bob");
        AwsServiceException e = fails("CreateUser", "UserName", "BOB");
        assertThat(e.code()).isEqualTo("EntityAlreadyExists");
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.getMessage()).isEqualTo("User with name BOB already exists.");
        assertThat(fails("GetUser", "UserName", "alice").getMessage())
                .isEqualTo("The user with name alice cannot be found.");
    }

    @Test
    void aUserWithKeysPoliciesOrGroupsCannotBeDeleted() {
        call("CreateUser", "UserName", "dev");
        call("CreateGroup", "GroupName", "devs");
        call("AddUserToGroup", "GroupName", "devs", "UserName", "dev");
        call("CreateAccessKey", "UserName", "dev");
        assertThat(fails("DeleteUser", "UserName", "dev").getMessage())
                .isEqualTo("Cannot delete entity, must delete access keys first.");
        assertThat(fails("DeleteGroup", "GroupName", "devs").getMessage())
                .isEqualTo("Cannot delete entity, must remove users from group first.");
        call("CreateAccessKey", "UserName", "dev");
        AwsServiceException third = fails("CreateAccessKey", "UserName", "dev");
        assertThat(third.code()).isEqualTo("LimitExceeded");
        assertThat(third.getMessage()).isEqualTo("Cannot exceed quota for AccessKeysPerUser: 2");
    }

    @Test
    void aManagedPolicyKeepsAtMostFiveVersionsAndItsDefault() {
        String arn = (String) ((Map<?, ?>) call("CreatePolicy", "PolicyName", "p", "PolicyDocument", ALLOW_ALL)
                .get("Policy")).get("Arn");
        assertThat(arn).isEqualTo("arn:aws:iam::000000000000:policy/p");
        for (int i = 2; i <= 5; i++) {
            Map<?, ?> version = (Map<?, ?>) call("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", ALLOW_ALL,
                    "SetAsDefault", i == 3).get("PolicyVersion");
            assertThat(version.get("VersionId")).isEqualTo("v" + i);
        }
        assertThat(fails("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", ALLOW_ALL).code())
                .isEqualTo("LimitExceeded");
        assertThat(fails("DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v3").getMessage())
                .isEqualTo("Cannot delete the default version of a policy.");
        call("DeletePolicyVersion", "PolicyArn", arn, "VersionId", "v1");
        Map<?, ?> next = (Map<?, ?>) call("CreatePolicyVersion", "PolicyArn", arn, "PolicyDocument", ALLOW_ALL)
                .get("PolicyVersion");
        assertThat(next.get("VersionId")).as("version ids are not reused").isEqualTo("v6");
    }

    @Test
    void malformedDocumentsAreRefusedWithAwsMessages() {
        AwsServiceException notJson = fails("CreatePolicy", "PolicyName", "p", "PolicyDocument", "{nope");
        assertThat(notJson.code()).isEqualTo("MalformedPolicyDocument");
        AwsServiceException principal = fails("CreatePolicy", "PolicyName", "p", "PolicyDocument", TRUST);
        assertThat(principal.getMessage()).isEqualTo("Policy document should not specify a principal.");
    }

    @Test
    void attachedPoliciesBlockDeletionAndAwsPoliciesAttach() {
        call("CreateRole", "RoleName", "app", "AssumeRolePolicyDocument", TRUST, "MaxSessionDuration", 7200);
        call("AttachRolePolicy", "RoleName", "app", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat(fails("AttachRolePolicy", "RoleName", "app", "PolicyArn", "arn:aws:iam::aws:policy/Nope")
                .getMessage()).isEqualTo("Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
        assertThat(fails("DeleteRole", "RoleName", "app").getMessage())
                .isEqualTo("Cannot delete entity, must detach all policies first.");
        Map<?, ?> role = (Map<?, ?>) call("GetRole", "RoleName", "app").get("Role");
        assertThat(role.get("MaxSessionDuration")).isEqualTo(7200);
        assertThat(fails("CreateRole", "RoleName", "r2", "AssumeRolePolicyDocument", TRUST, "MaxSessionDuration", 60)
                .code()).isEqualTo("ValidationError");
        Map<?, ?> entities = call("ListEntitiesForPolicy", "PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess");
        assertThat((List<?>) entities.get("PolicyRoles")).hasSize(1);
    }

    /** AWS managed policies answer their real default version, its date, and the whole document. */
    @Test
    void awsManagedPoliciesAnswerTheirRealVersionAndWholeDocument() {
        String readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
        Map<?, ?> policy = (Map<?, ?>) call("GetPolicy", "PolicyArn", readOnly).get("Policy");
        assertThat(policy.get("DefaultVersionId")).isEqualTo("v133");
        assertThat(policy.get("UpdateDate")).isEqualTo(Instant.parse("2025-09-12T16:34:07Z"));
        Map<?, ?> version = (Map<?, ?>) call("GetPolicyVersion", "PolicyArn", readOnly, "VersionId", "v133")
                .get("PolicyVersion");
        String document = URLDecoder.decode((String) version.get("Document"), StandardCharsets.UTF_8);
        assertThat(document).isEqualTo(AwsManagedPolicies.bundled().find(readOnly).orElseThrow().document());
        assertThat(PolicyText.length(document)).isGreaterThan(Entities.MANAGED_POLICY_SIZE);
        assertThat(version.get("CreateDate")).isEqualTo(Instant.parse("2025-09-12T16:34:07Z"));

        call("AttachRolePolicy", "RoleName", createdRole(), "PolicyArn", readOnly);
        List<?> aws = (List<?>) call("ListPolicies", "Scope", "AWS").get("Policies");
        assertThat(aws).hasSize(AwsManagedPolicies.bundled().all().size()).allSatisfy(p -> {
            Map<?, ?> view = (Map<?, ?>) p;
            assertThat(view.get("Path")).isEqualTo("/");
            assertThat(view.get("IsAttachable")).isEqualTo(true);
            assertThat(view.get("PermissionsBoundaryUsageCount")).isEqualTo(0);
            assertThat(view.get("AttachmentCount")).isEqualTo(view.get("Arn").equals(readOnly) ? 1 : 0);
        });
    }

    private String createdRole() {
        call("CreateRole", "RoleName", "reader", "AssumeRolePolicyDocument", TRUST);
        return "reader";
    }

    @Test
    void listsPageWithMarkerAndMaxItems() {
        for (int i = 0; i < 5; i++) {
            call("CreateUser", "UserName", "u" + i);
        }
        Map<String, Object> first = call("ListUsers", "MaxItems", 2);
        assertThat((List<?>) first.get("Users")).hasSize(2);
        assertThat(first.get("IsTruncated")).isEqualTo(true);
        Map<String, Object> rest = call("ListUsers", "Marker", first.get("Marker"));
        assertThat((List<?>) rest.get("Users")).hasSize(3);
        assertThat(rest.get("IsTruncated")).isEqualTo(false);
    }
}
