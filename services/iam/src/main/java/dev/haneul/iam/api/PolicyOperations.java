package dev.haneul.iam.api;

import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.iam.store.AwsManagedPolicies;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import dev.haneul.iam.store.Ids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Customer managed policies and their versions (at most 5, one default), inline policies of
 * users, groups and roles, attaching and detaching managed policies, permissions boundaries,
 * {@code ListEntitiesForPolicy} and {@code GetAccountAuthorizationDetails}.
 */
final class PolicyOperations {

    static final int VERSIONS_PER_POLICY = 5;

    private final Entities entities;
    private final IamStore store;

    PolicyOperations(Entities entities) {
        this.entities = entities;
        this.store = entities.store;
    }

    /** One of users, groups, roles: how to find it by name and what it is called in messages. */
    private record Kind(String member, String word, BiFunction<IamState, String, IamState.PolicyHolder> find) {}

    private static final Kind USER = new Kind("UserName", "user", Entities::user);
    private static final Kind GROUP = new Kind("GroupName", "group", Entities::group);
    private static final Kind ROLE = new Kind("RoleName", "role", Entities::role);

    void register(Operations.Builder ops) {
        ops.addTree("CreatePolicy", this::createPolicy)
                .addTree("GetPolicy", this::getPolicy)
                .addTree("ListPolicies", this::listPolicies)
                .addTree("DeletePolicy", this::deletePolicy)
                .addTree("CreatePolicyVersion", this::createPolicyVersion)
                .addTree("GetPolicyVersion", this::getPolicyVersion)
                .addTree("ListPolicyVersions", this::listPolicyVersions)
                .addTree("DeletePolicyVersion", this::deletePolicyVersion)
                .addTree("SetDefaultPolicyVersion", this::setDefaultPolicyVersion)
                .addTree("TagPolicy", this::tagPolicy)
                .addTree("UntagPolicy", this::untagPolicy)
                .addTree("ListPolicyTags", (c, in) -> store.read(state -> Entities.page(in, "Tags",
                        List.copyOf(Entities.customerPolicy(state, Trees.string(in, "PolicyArn")).tags.entrySet()),
                        e -> Map.of("Key", e.getKey(), "Value", e.getValue()))))
                .addTree("ListEntitiesForPolicy", this::listEntitiesForPolicy)
                .addTree("GetAccountAuthorizationDetails", this::accountAuthorizationDetails);
        for (Kind kind : List.of(USER, GROUP, ROLE)) {
            String noun = kind == USER ? "User" : kind == GROUP ? "Group" : "Role";
            ops.addTree("Put" + noun + "Policy", (c, in) -> putInline(kind, in))
                    .addTree("Get" + noun + "Policy", (c, in) -> getInline(kind, in))
                    .addTree("Delete" + noun + "Policy", (c, in) -> deleteInline(kind, in))
                    .addTree("List" + noun + "Policies", (c, in) -> store.read(state -> Entities.page(in, "PolicyNames",
                            List.copyOf(kind.find.apply(state, Trees.string(in, kind.member)).inlinePolicies.keySet()),
                            name -> name)))
                    .addTree("Attach" + noun + "Policy", (c, in) -> attach(kind, in))
                    .addTree("Detach" + noun + "Policy", (c, in) -> detach(kind, in))
                    .addTree("ListAttached" + noun + "Policies", (c, in) -> listAttached(kind, in));
        }
        ops.addTree("PutUserPermissionsBoundary", (c, in) -> putBoundary(USER, in))
                .addTree("DeleteUserPermissionsBoundary", (c, in) -> deleteBoundary(USER, in))
                .addTree("PutRolePermissionsBoundary", (c, in) -> putBoundary(ROLE, in))
                .addTree("DeleteRolePermissionsBoundary", (c, in) -> deleteBoundary(ROLE, in));
    }

    // Managed policies -------------------------------------------------------------------------

    private Map<String, Object> createPolicy(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "PolicyName");
        String path = UserOperations.pathOf(input);
        String document = Entities.identityDocument(Trees.string(input, "PolicyDocument"));
        Entities.checkManagedSize(document);
        Map<String, String> tags = Trees.tags(input, "Tags");
        String arn = store.policyArn(path, name);
        return store.write(state -> {
            for (IamState.ManagedPolicy existing : state.policies.values()) {
                if (IamStore.key(existing.name).equals(IamStore.key(name))) {
                    throw IamErrors.ALREADY_EXISTS.error("A policy called " + name
                            + " already exists. Duplicate names are not allowed.");
                }
            }
            UserOperations.checkTags(tags);
            IamState.ManagedPolicy policy = new IamState.ManagedPolicy();
            policy.name = name;
            policy.path = path;
            policy.id = Ids.unique("ANPA");
            policy.arn = arn;
            policy.description = Trees.optional(input, "Description");
            policy.created = store.clock().instant();
            policy.updated = policy.created;
            policy.tags.putAll(tags);
            IamState.PolicyVersion v1 = new IamState.PolicyVersion();
            v1.document = document;
            v1.created = policy.created;
            policy.versions.add(v1);
            state.policies.put(arn, policy);
            Map<String, Object> view = entities.policyView(state, policy, true);
            view.remove("Description");
            return Trees.map("Policy", view);
        });
    }

    private Map<String, Object> getPolicy(RequestContext context, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        return store.read(state -> {
            var aws = store.awsPolicies().find(arn);
            if (aws.isPresent()) {
                return Trees.map("Policy", entities.awsPolicyView(state, aws.get()));
            }
            return Trees.map("Policy", entities.policyView(state, Entities.customerPolicy(state, arn), true));
        });
    }

    private Map<String, Object> listPolicies(RequestContext context, Map<String, Object> input) {
        String scope = Trees.optional(input, "Scope") == null ? "All" : Trees.string(input, "Scope");
        boolean onlyAttached = Trees.bool(input, "OnlyAttached");
        @Nullable String prefix = Trees.optional(input, "PathPrefix");
        @Nullable String usage = Trees.optional(input, "PolicyUsageFilter");
        return store.read(state -> {
            List<Map<String, Object>> views = new ArrayList<>();
            if (!scope.equals("Local")) {
                for (AwsManagedPolicies.AwsPolicy policy : store.awsPolicies().all()) {
                    views.add(entities.awsPolicyView(state, policy));
                }
            }
            if (!scope.equals("AWS")) {
                for (IamState.ManagedPolicy policy : state.policies.values()) {
                    Map<String, Object> view = entities.policyView(state, policy, false);
                    view.remove("Description");
                    views.add(view);
                }
            }
            List<Map<String, Object>> selected = views.stream()
                    .filter(v -> Entities.underPath(String.valueOf(v.get("Path")), prefix))
                    .filter(v -> !onlyAttached || Trees.count(v, "AttachmentCount") > 0
                            || Trees.count(v, "PermissionsBoundaryUsageCount") > 0)
                    .filter(v -> usage == null
                            || (usage.equals("PermissionsPolicy") ? Trees.count(v, "AttachmentCount") > 0
                            : Trees.count(v, "PermissionsBoundaryUsageCount") > 0))
                    .toList();
            return Entities.page(input, "Policies", selected, v -> v);
        });
    }

    private Map<String, Object> deletePolicy(RequestContext context, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        return store.write(state -> {
            IamState.ManagedPolicy policy = Entities.customerPolicy(state, arn);
            if (Entities.attachments(state, arn) > 0 || Entities.boundaryUses(state, arn) > 0) {
                throw IamErrors.deleteConflict("detach all policies");
            }
            if (policy.versions.size() > 1) {
                throw IamErrors.DELETE_CONFLICT.error("This policy has more than one version. Before you delete a "
                        + "policy, you must delete the policy's versions. The default version is deleted with the "
                        + "policy.");
            }
            state.policies.remove(arn);
            return Map.of();
        });
    }

    private Map<String, Object> versionView(IamState.ManagedPolicy policy, IamState.PolicyVersion version,
                                            boolean withDocument) {
        return Trees.map("Document", withDocument ? Trees.encodeDocument(version.document) : null,
                "VersionId", version.id, "IsDefaultVersion", version.id.equals(policy.defaultVersion),
                "CreateDate", version.created);
    }

    private Map<String, Object> createPolicyVersion(RequestContext context, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        String document = Entities.identityDocument(Trees.string(input, "PolicyDocument"));
        Entities.checkManagedSize(document);
        boolean setAsDefault = Trees.bool(input, "SetAsDefault");
        return store.write(state -> {
            IamState.ManagedPolicy policy = Entities.customerPolicy(state, arn);
            if (policy.versions.size() >= VERSIONS_PER_POLICY) {
                throw IamErrors.LIMIT_EXCEEDED.error("A managed policy can have up to " + VERSIONS_PER_POLICY
                        + " versions. Before you create a new version, you must delete an existing version.");
            }
            IamState.PolicyVersion version = new IamState.PolicyVersion();
            version.id = "v" + policy.nextVersion++;
            version.document = document;
            version.created = store.clock().instant();
            policy.versions.add(version);
            if (setAsDefault) {
                policy.defaultVersion = version.id;
            }
            policy.updated = version.created;
            return Trees.map("PolicyVersion", versionView(policy, version, false));
        });
    }

    private static IamState.PolicyVersion version(IamState.ManagedPolicy policy, String id) {
        for (IamState.PolicyVersion version : policy.versions) {
            if (version.id.equals(id)) {
                return version;
            }
        }
        throw IamErrors.NO_SUCH_ENTITY.error("Policy " + policy.arn + " version " + id + " does not exist or is not "
                + "attachable.");
    }

    private Map<String, Object> getPolicyVersion(RequestContext context, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        String id = Trees.string(input, "VersionId");
        return store.read(state -> {
            var aws = store.awsPolicies().find(arn);
            if (aws.isPresent()) {
                if (!aws.get().defaultVersion().equals(id)) {
                    throw IamErrors.NO_SUCH_ENTITY.error("Policy " + arn + " version " + id
                            + " does not exist or is not attachable.");
                }
                return Trees.map("PolicyVersion", Trees.map("Document", Trees.encodeDocument(aws.get().document()),
                        "VersionId", id, "IsDefaultVersion", true, "CreateDate", aws.get().versionCreated()));
            }
            IamState.ManagedPolicy policy = Entities.customerPolicy(state, arn);
            return Trees.map("PolicyVersion", versionView(policy, version(policy, id), true));
        });
    }

    private Map<String, Object> listPolicyVersions(RequestContext context, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        return store.read(state -> {
            var aws = store.awsPolicies().find(arn);
            if (aws.isPresent()) {
                return Entities.page(input, "Versions", List.of(aws.get()), p -> Trees.map("VersionId",
                        p.defaultVersion(), "IsDefaultVersion", true, "CreateDate", p.versionCreated()));
            }
            IamState.ManagedPolicy policy = Entities.customerPolicy(state, arn);
            List<IamState.PolicyVersion> newestFirst = new ArrayList<>(policy.versions);
            Collections.reverse(newestFirst);
            return Entities.page(input, "Versions", newestFirst, v -> versionView(policy, v, false));
        });
    }

    private Map<String, Object> deletePolicyVersion(RequestContext context, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        String id = Trees.string(input, "VersionId");
        return store.write(state -> {
            IamState.ManagedPolicy policy = Entities.customerPolicy(state, arn);
            IamState.PolicyVersion version = version(policy, id);
            if (version.id.equals(policy.defaultVersion)) {
                throw IamErrors.DELETE_CONFLICT.error("Cannot delete the default version of a policy.");
            }
            policy.versions.remove(version);
            return Map.of();
        });
    }

    private Map<String, Object> setDefaultPolicyVersion(RequestContext context, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        String id = Trees.string(input, "VersionId");
        return store.write(state -> {
            IamState.ManagedPolicy policy = Entities.customerPolicy(state, arn);
            policy.defaultVersion = version(policy, id).id;
            policy.updated = store.clock().instant();
            return Map.of();
        });
    }

    private Map<String, Object> tagPolicy(RequestContext context, Map<String, Object> input) {
        Map<String, String> tags = Trees.tags(input, "Tags");
        return store.write(state -> {
            IamState.ManagedPolicy policy = Entities.customerPolicy(state, Trees.string(input, "PolicyArn"));
            Map<String, String> merged = new LinkedHashMap<>(policy.tags);
            merged.putAll(tags);
            UserOperations.checkTags(merged);
            policy.tags.putAll(tags);
            return Map.of();
        });
    }

    private Map<String, Object> untagPolicy(RequestContext context, Map<String, Object> input) {
        List<String> keys = Trees.strings(input, "TagKeys");
        return store.write(state -> {
            keys.forEach(Entities.customerPolicy(state, Trees.string(input, "PolicyArn")).tags::remove);
            return Map.of();
        });
    }

    // Inline policies --------------------------------------------------------------------------

    private Map<String, Object> putInline(Kind kind, Map<String, Object> input) {
        String name = Trees.string(input, "PolicyName");
        String document = Entities.identityDocument(Trees.string(input, "PolicyDocument"));
        return store.write(state -> {
            IamState.PolicyHolder holder = kind.find.apply(state, Trees.string(input, kind.member));
            Map<String, String> after = new LinkedHashMap<>(holder.inlinePolicies);
            after.put(name, document);
            Entities.checkInlineSize(after, kind.word, holder.name);
            holder.inlinePolicies.put(name, document);
            return Map.of();
        });
    }

    private Map<String, Object> getInline(Kind kind, Map<String, Object> input) {
        String name = Trees.string(input, "PolicyName");
        return store.read(state -> {
            IamState.PolicyHolder holder = kind.find.apply(state, Trees.string(input, kind.member));
            String document = holder.inlinePolicies.get(name);
            if (document == null) {
                throw IamErrors.NO_SUCH_ENTITY.error("The " + kind.word + " policy with name " + name
                        + " cannot be found.");
            }
            return Trees.map(kind.member, holder.name, "PolicyName", name,
                    "PolicyDocument", Trees.encodeDocument(document));
        });
    }

    private Map<String, Object> deleteInline(Kind kind, Map<String, Object> input) {
        String name = Trees.string(input, "PolicyName");
        return store.write(state -> {
            IamState.PolicyHolder holder = kind.find.apply(state, Trees.string(input, kind.member));
            if (holder.inlinePolicies.remove(name) == null) {
                throw IamErrors.NO_SUCH_ENTITY.error("The " + kind.word + " policy with name " + name
                        + " cannot be found.");
            }
            return Map.of();
        });
    }

    // Attached managed policies ----------------------------------------------------------------

    private Map<String, Object> attach(Kind kind, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        return store.write(state -> {
            IamState.PolicyHolder holder = kind.find.apply(state, Trees.string(input, kind.member));
            entities.requireAttachable(state, arn);
            if (!holder.attachedPolicies.contains(arn)) {
                if (holder.attachedPolicies.size() >= Entities.ATTACHED_POLICIES) {
                    String noun = kind == USER ? "User" : kind == GROUP ? "Group" : "Role";
                    throw IamErrors.LIMIT_EXCEEDED.error("Cannot exceed quota for PoliciesPer" + noun + ": "
                            + Entities.ATTACHED_POLICIES);
                }
                holder.attachedPolicies.add(arn);
            }
            return Map.of();
        });
    }

    private Map<String, Object> detach(Kind kind, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        return store.write(state -> {
            IamState.PolicyHolder holder = kind.find.apply(state, Trees.string(input, kind.member));
            if (!holder.attachedPolicies.remove(arn)) {
                throw IamErrors.NO_SUCH_ENTITY.error("Policy " + arn + " was not found.");
            }
            return Map.of();
        });
    }

    private Map<String, Object> listAttached(Kind kind, Map<String, Object> input) {
        @Nullable String prefix = Trees.optional(input, "PathPrefix");
        return store.read(state -> {
            IamState.PolicyHolder holder = kind.find.apply(state, Trees.string(input, kind.member));
            List<String> arns = holder.attachedPolicies.stream()
                    .filter(arn -> prefix == null || arn.substring(arn.indexOf(":policy") + 7).startsWith(prefix))
                    .toList();
            return Entities.page(input, "AttachedPolicies", Entities.attachedViews(arns), v -> v);
        });
    }

    // Permissions boundaries -------------------------------------------------------------------

    private Map<String, Object> putBoundary(Kind kind, Map<String, Object> input) {
        String arn = Trees.string(input, "PermissionsBoundary");
        return store.write(state -> {
            IamState.PolicyHolder holder = kind.find.apply(state, Trees.string(input, kind.member));
            entities.requireAttachable(state, arn);
            if (holder instanceof IamState.User user) {
                user.permissionsBoundary = arn;
            } else if (holder instanceof IamState.Role role) {
                role.permissionsBoundary = arn;
            }
            return Map.of();
        });
    }

    private Map<String, Object> deleteBoundary(Kind kind, Map<String, Object> input) {
        return store.write(state -> {
            IamState.PolicyHolder holder = kind.find.apply(state, Trees.string(input, kind.member));
            if (holder instanceof IamState.User user) {
                user.permissionsBoundary = null;
            } else if (holder instanceof IamState.Role role) {
                role.permissionsBoundary = null;
            }
            return Map.of();
        });
    }

    // Account-wide views -----------------------------------------------------------------------

    private Map<String, Object> listEntitiesForPolicy(RequestContext context, Map<String, Object> input) {
        String arn = Trees.string(input, "PolicyArn");
        @Nullable String filter = Trees.optional(input, "EntityFilter");
        @Nullable String usage = Trees.optional(input, "PolicyUsageFilter");
        return store.read(state -> {
            if (store.awsPolicies().find(arn).isEmpty()) {
                Entities.customerPolicy(state, arn);
            }
            boolean permissions = usage == null || usage.equals("PermissionsPolicy");
            boolean boundaries = usage == null || usage.equals("PermissionsBoundary");
            List<Object> users = new ArrayList<>();
            List<Object> groups = new ArrayList<>();
            List<Object> roles = new ArrayList<>();
            if (filter == null || filter.equals("User") || filter.equals("LocalManagedPolicy")
                    || filter.equals("AWSManagedPolicy")) {
                for (IamState.User user : state.users.values()) {
                    if ((permissions && user.attachedPolicies.contains(arn))
                            || (boundaries && arn.equals(user.permissionsBoundary))) {
                        users.add(Trees.map("UserName", user.name, "UserId", user.id));
                    }
                }
            }
            if (filter == null || filter.equals("Group")) {
                for (IamState.Group group : state.groups.values()) {
                    if (permissions && group.attachedPolicies.contains(arn)) {
                        groups.add(Trees.map("GroupName", group.name, "GroupId", group.id));
                    }
                }
            }
            if (filter == null || filter.equals("Role")) {
                for (IamState.Role role : state.roles.values()) {
                    if ((permissions && role.attachedPolicies.contains(arn))
                            || (boundaries && arn.equals(role.permissionsBoundary))) {
                        roles.add(Trees.map("RoleName", role.name, "RoleId", role.id));
                    }
                }
            }
            return Trees.map("PolicyGroups", groups, "PolicyUsers", users, "PolicyRoles", roles, "IsTruncated", false);
        });
    }

    private Map<String, Object> accountAuthorizationDetails(RequestContext context, Map<String, Object> input) {
        List<String> filter = Trees.strings(input, "Filter");
        return store.read(state -> {
            Map<String, Object> out = new LinkedHashMap<>();
            if (filter.isEmpty() || filter.contains("User")) {
                List<Object> users = new ArrayList<>();
                for (IamState.User user : state.users.values()) {
                    Map<String, Object> view = entities.userView(user, true);
                    view.remove("PasswordLastUsed");
                    view.put("UserPolicyList", inlineViews(user.inlinePolicies));
                    view.put("GroupList", List.copyOf(user.groups));
                    view.put("AttachedManagedPolicies", Entities.attachedViews(user.attachedPolicies));
                    users.add(view);
                }
                out.put("UserDetailList", users);
            }
            if (filter.isEmpty() || filter.contains("Group")) {
                List<Object> groups = new ArrayList<>();
                for (IamState.Group group : state.groups.values()) {
                    Map<String, Object> view = entities.groupView(group);
                    view.put("GroupPolicyList", inlineViews(group.inlinePolicies));
                    view.put("AttachedManagedPolicies", Entities.attachedViews(group.attachedPolicies));
                    groups.add(view);
                }
                out.put("GroupDetailList", groups);
            }
            if (filter.isEmpty() || filter.contains("Role")) {
                List<Object> roles = new ArrayList<>();
                for (IamState.Role role : state.roles.values()) {
                    Map<String, Object> view = entities.roleView(role, true);
                    view.remove("Description");
                    view.remove("MaxSessionDuration");
                    view.put("RolePolicyList", inlineViews(role.inlinePolicies));
                    view.put("AttachedManagedPolicies", Entities.attachedViews(role.attachedPolicies));
                    view.put("InstanceProfileList", List.of());
                    roles.add(view);
                }
                out.put("RoleDetailList", roles);
            }
            if (filter.isEmpty() || filter.contains("LocalManagedPolicy") || filter.contains("AWSManagedPolicy")) {
                List<Object> policies = new ArrayList<>();
                if (filter.isEmpty() || filter.contains("LocalManagedPolicy")) {
                    for (IamState.ManagedPolicy policy : state.policies.values()) {
                        Map<String, Object> view = entities.policyView(state, policy, false);
                        List<Object> versions = new ArrayList<>();
                        for (IamState.PolicyVersion version : policy.versions) {
                            versions.add(versionView(policy, version, true));
                        }
                        view.put("PolicyVersionList", versions);
                        policies.add(view);
                    }
                }
                if (filter.contains("AWSManagedPolicy")) {
                    for (AwsManagedPolicies.AwsPolicy policy : store.awsPolicies().all()) {
                        Map<String, Object> view = entities.awsPolicyView(state, policy);
                        view.put("PolicyVersionList", List.of(Trees.map("Document",
                                Trees.encodeDocument(policy.document()), "VersionId", policy.defaultVersion(),
                                "IsDefaultVersion", true, "CreateDate", policy.versionCreated())));
                        policies.add(view);
                    }
                }
                out.put("Policies", policies);
            }
            out.put("IsTruncated", false);
            return out;
        });
    }

    private static List<Object> inlineViews(Map<String, String> policies) {
        List<Object> out = new ArrayList<>();
        policies.forEach((name, document) -> out.add(Trees.map("PolicyName", name,
                "PolicyDocument", Trees.encodeDocument(document))));
        return out;
    }
}
