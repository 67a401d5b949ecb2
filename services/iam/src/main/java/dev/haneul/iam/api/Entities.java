package dev.haneul.iam.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.resource.Page;
import dev.haneul.core.resource.PageLimits;
import dev.haneul.core.resource.Paging;
import dev.haneul.iam.policy.PolicyParser;
import dev.haneul.iam.policy.PolicyType;
import dev.haneul.iam.store.AwsManagedPolicies;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the IAM operations share: finding an entity or failing with AWS's {@code NoSuchEntity},
 * validating policy documents, IAM's paging ({@code Marker}, {@code MaxItems},
 * {@code IsTruncated}) and the response shapes of users, groups, roles and policies.
 */
final class Entities {

    static final int MANAGED_POLICY_SIZE = 6144;
    static final int ATTACHED_POLICIES = 10;

    private static final Paging PAGING = new Paging(new PageLimits(1, 1000, 100), new Paging.Errors() {
        @Override
        public AwsServiceException invalidSize(int size, PageLimits limits) {
            return IamErrors.VALIDATION.error("1 validation error detected: Value '" + size
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value "
                    + (size < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
        }

        @Override
        public AwsServiceException invalidMarker(String marker) {
            return IamErrors.VALIDATION.error("Invalid Marker.");
        }
    });

    final IamStore store;

    Entities(IamStore store) {
        this.store = store;
    }

    String account() {
        return store.accountId();
    }

    static IamState.User user(IamState state, String name) {
        IamState.User user = state.users.get(IamStore.key(name));
        if (user == null) {
            throw IamErrors.noSuchUser(name);
        }
        return user;
    }

    static IamState.Group group(IamState state, String name) {
        IamState.Group group = state.groups.get(IamStore.key(name));
        if (group == null) {
            throw IamErrors.noSuchGroup(name);
        }
        return group;
    }

    static IamState.Role role(IamState state, String name) {
        IamState.Role role = state.roles.get(IamStore.key(name));
        if (role == null) {
            throw IamErrors.noSuchRole(name);
        }
        return role;
    }

    static IamState.ManagedPolicy customerPolicy(IamState state, String arn) {
        IamState.ManagedPolicy policy = state.policies.get(arn);
        if (policy == null) {
            throw IamErrors.noSuchPolicy(arn);
        }
        return policy;
    }

    /** An identity policy document, validated as IAM does; returns it unchanged. */
    static String identityDocument(String document) {
        PolicyParser.parse(document, PolicyType.IDENTITY);
        return document;
    }

    static String trustDocument(String document) {
        PolicyParser.parse(document, PolicyType.TRUST);
        return document;
    }

    /** Managed policy size: 6,144 characters, whitespace not counted. */
    static void checkManagedSize(String document) {
        int size = 0;
        for (int i = 0; i < document.length(); i++) {
            if (!Character.isWhitespace(document.charAt(i))) {
                size++;
            }
        }
        if (size > MANAGED_POLICY_SIZE) {
            throw IamErrors.LIMIT_EXCEEDED.error("Cannot exceed quota for PolicySize: " + MANAGED_POLICY_SIZE);
        }
    }

    /** Inline policies of one entity together: 2,048 (user), 5,120 (group), 10,240 (role) characters. */
    static void checkInlineSize(Map<String, String> policies, String kind, String name) {
        int limit = switch (kind) {
            case "user" -> 2048;
            case "group" -> 5120;
            default -> 10240;
        };
        int size = 0;
        for (String document : policies.values()) {
            for (int i = 0; i < document.length(); i++) {
                if (!Character.isWhitespace(document.charAt(i))) {
                    size++;
                }
            }
        }
        if (size > limit) {
            throw IamErrors.LIMIT_EXCEEDED.error("Maximum policy size of " + limit + " bytes exceeded for " + kind
                    + " " + name);
        }
    }

    /** A managed policy that can be attached (AWS's or the account's), or {@code NoSuchEntity}. */
    void requireAttachable(IamState state, String arn) {
        if (store.awsPolicies().find(arn).isEmpty() && !state.policies.containsKey(arn)) {
            if (!arn.startsWith("arn:")) {
                throw IamErrors.invalidArn(arn);
            }
            throw IamErrors.NO_SUCH_ENTITY.error("Policy " + arn + " does not exist or is not attachable.");
        }
    }

    /** The page of {@code all} a request's {@code Marker} and {@code MaxItems} select, as IAM's list responses. */
    static <T> Map<String, Object> page(Map<String, Object> input, String member, List<T> all,
                                        Function<T, Object> view) {
        Page<T> page = PAGING.byOffset(all, Trees.optional(input, "Marker"), Trees.integer(input, "MaxItems"));
        List<Object> items = new ArrayList<>();
        for (T item : page.items()) {
            items.add(view.apply(item));
        }
        Map<String, Object> out = Trees.map(member, items, "IsTruncated", page.nextMarker() != null);
        if (page.nextMarker() != null) {
            out.put("Marker", page.nextMarker());
        }
        return out;
    }

    static boolean underPath(String path, @Nullable String prefix) {
        return prefix == null || prefix.isEmpty() || path.startsWith(prefix);
    }

    Map<String, Object> userView(IamState.User user, boolean withTags) {
        Map<String, Object> out = Trees.map("Path", user.path, "UserName", user.name, "UserId", user.id,
                "Arn", store.arn("user", user.path, user.name), "CreateDate", user.created,
                "PasswordLastUsed", user.passwordLastUsed);
        if (user.permissionsBoundary != null) {
            out.put("PermissionsBoundary", boundaryView(user.permissionsBoundary));
        }
        if (withTags && !user.tags.isEmpty()) {
            out.put("Tags", Trees.tagList(user.tags));
        }
        return out;
    }

    Map<String, Object> groupView(IamState.Group group) {
        return Trees.map("Path", group.path, "GroupName", group.name, "GroupId", group.id,
                "Arn", store.arn("group", group.path, group.name), "CreateDate", group.created);
    }

    Map<String, Object> roleView(IamState.Role role, boolean full) {
        Map<String, Object> out = Trees.map("Path", role.path, "RoleName", role.name, "RoleId", role.id,
                "Arn", store.arn("role", role.path, role.name), "CreateDate", role.created,
                "AssumeRolePolicyDocument", Trees.encodeDocument(role.trustPolicy), "Description", role.description,
                "MaxSessionDuration", role.maxSessionDuration);
        if (role.permissionsBoundary != null) {
            out.put("PermissionsBoundary", boundaryView(role.permissionsBoundary));
        }
        if (full) {
            if (!role.tags.isEmpty()) {
                out.put("Tags", Trees.tagList(role.tags));
            }
            out.put("RoleLastUsed", Trees.map("LastUsedDate", role.lastUsed, "Region", role.lastUsedRegion));
        }
        return out;
    }

    static Map<String, Object> boundaryView(String arn) {
        return Trees.map("PermissionsBoundaryType", "Policy", "PermissionsBoundaryArn", arn);
    }

    Map<String, Object> policyView(IamState state, IamState.ManagedPolicy policy, boolean withTags) {
        Map<String, Object> out = Trees.map("PolicyName", policy.name, "PolicyId", policy.id, "Arn", policy.arn,
                "Path", policy.path, "DefaultVersionId", policy.defaultVersion,
                "AttachmentCount", attachments(state, policy.arn),
                "PermissionsBoundaryUsageCount", boundaryUses(state, policy.arn), "IsAttachable", true,
                "Description", policy.description, "CreateDate", policy.created, "UpdateDate", policy.updated);
        if (withTags && !policy.tags.isEmpty()) {
            out.put("Tags", Trees.tagList(policy.tags));
        }
        return out;
    }

    Map<String, Object> awsPolicyView(IamState state, AwsManagedPolicies.AwsPolicy policy) {
        return Trees.map("PolicyName", policy.name(), "PolicyId", policy.id(), "Arn", policy.arn(),
                "Path", policy.path(), "DefaultVersionId", policy.defaultVersion(),
                "AttachmentCount", attachments(state, policy.arn()),
                "PermissionsBoundaryUsageCount", boundaryUses(state, policy.arn()), "IsAttachable", true,
                "CreateDate", AwsManagedPolicies.created(), "UpdateDate", policy.versionCreated());
    }

    static int attachments(IamState state, String arn) {
        int count = 0;
        for (IamState.User user : state.users.values()) {
            count += user.attachedPolicies.contains(arn) ? 1 : 0;
        }
        for (IamState.Group group : state.groups.values()) {
            count += group.attachedPolicies.contains(arn) ? 1 : 0;
        }
        for (IamState.Role role : state.roles.values()) {
            count += role.attachedPolicies.contains(arn) ? 1 : 0;
        }
        return count;
    }

    static int boundaryUses(IamState state, String arn) {
        int count = 0;
        for (IamState.User user : state.users.values()) {
            count += arn.equals(user.permissionsBoundary) ? 1 : 0;
        }
        for (IamState.Role role : state.roles.values()) {
            count += arn.equals(role.permissionsBoundary) ? 1 : 0;
        }
        return count;
    }

    /** The attached-policy list entries ({@code PolicyName}, {@code PolicyArn}) of {@code arns}. */
    static List<Map<String, Object>> attachedViews(List<String> arns) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String arn : arns) {
            out.add(Trees.map("PolicyName", arn.substring(arn.lastIndexOf('/') + 1), "PolicyArn", arn));
        }
        return out;
    }
}
