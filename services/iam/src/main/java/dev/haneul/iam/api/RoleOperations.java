package dev.haneul.iam.api;

import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import dev.haneul.iam.store.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Roles (trust policy, {@code MaxSessionDuration}, tags) and instance profiles. */
final class RoleOperations {

    static final int MIN_SESSION = 3600;
    static final int MAX_SESSION = 43200;

    private final Entities entities;
    private final IamStore store;

    RoleOperations(Entities entities) {
        this.entities = entities;
        this.store = entities.store;
    }

    void register(Operations.Builder ops) {
        ops.addTree("CreateRole", this::createRole)
                .addTree("GetRole", (c, in) -> store.read(state ->
                        Trees.map("Role", entities.roleView(Entities.role(state, Trees.string(in, "RoleName")), true))))
                .addTree("ListRoles", this::listRoles)
                .addTree("UpdateRole", this::updateRole)
                .addTree("UpdateRoleDescription", this::updateRoleDescription)
                .addTree("UpdateAssumeRolePolicy", this::updateAssumeRolePolicy)
                .addTree("DeleteRole", this::deleteRole)
                .addTree("TagRole", this::tagRole)
                .addTree("UntagRole", this::untagRole)
                .addTree("ListRoleTags", (c, in) -> store.read(state -> Entities.page(in, "Tags",
                        List.copyOf(Entities.role(state, Trees.string(in, "RoleName")).tags.entrySet()),
                        e -> Map.of("Key", e.getKey(), "Value", e.getValue()))))
                .addTree("CreateInstanceProfile", this::createInstanceProfile)
                .addTree("GetInstanceProfile", (c, in) -> store.read(state -> Trees.map("InstanceProfile",
                        profileView(state, profile(state, Trees.string(in, "InstanceProfileName"))))))
                .addTree("ListInstanceProfiles", this::listInstanceProfiles)
                .addTree("DeleteInstanceProfile", this::deleteInstanceProfile)
                .addTree("AddRoleToInstanceProfile", this::addRoleToInstanceProfile)
                .addTree("RemoveRoleFromInstanceProfile", this::removeRoleFromInstanceProfile)
                .addTree("ListInstanceProfilesForRole", this::listInstanceProfilesForRole);
    }

    private Instant now() {
        return store.clock().instant();
    }

    private static int sessionDuration(@Nullable Integer requested) {
        if (requested == null) {
            return MIN_SESSION;
        }
        if (requested < MIN_SESSION || requested > MAX_SESSION) {
            throw IamErrors.VALIDATION.error("1 validation error detected: Value '" + requested
                    + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value "
                    + (requested < MIN_SESSION ? "greater than or equal to 3600" : "less than or equal to 43200"));
        }
        return requested;
    }

    private Map<String, Object> createRole(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "RoleName");
        String path = UserOperations.pathOf(input);
        String trust = Entities.trustDocument(Trees.string(input, "AssumeRolePolicyDocument"));
        int maxSession = sessionDuration(Trees.integer(input, "MaxSessionDuration"));
        Map<String, String> tags = Trees.tags(input, "Tags");
        @Nullable String boundary = Trees.optional(input, "PermissionsBoundary");
        return store.write(state -> {
            if (state.roles.containsKey(IamStore.key(name))) {
                throw IamErrors.ALREADY_EXISTS.error("Role with name " + name + " already exists.");
            }
            UserOperations.checkTags(tags);
            if (boundary != null) {
                entities.requireAttachable(state, boundary);
            }
            IamState.Role role = new IamState.Role();
            role.name = name;
            role.path = path;
            role.id = Ids.unique("AROA");
            role.created = now();
            role.trustPolicy = trust;
            role.description = Trees.optional(input, "Description");
            role.maxSessionDuration = maxSession;
            role.tags.putAll(tags);
            role.permissionsBoundary = boundary;
            state.roles.put(IamStore.key(name), role);
            Map<String, Object> view = entities.roleView(role, false);
            if (!tags.isEmpty()) {
                view.put("Tags", Trees.tagList(tags));
            }
            return Trees.map("Role", view);
        });
    }

    private Map<String, Object> listRoles(RequestContext context, Map<String, Object> input) {
        @Nullable String prefix = Trees.optional(input, "PathPrefix");
        return store.read(state -> Entities.page(input, "Roles",
                state.roles.values().stream().filter(r -> Entities.underPath(r.path, prefix)).toList(),
                r -> entities.roleView(r, false)));
    }

    private Map<String, Object> updateRole(RequestContext context, Map<String, Object> input) {
        @Nullable Integer maxSession = Trees.integer(input, "MaxSessionDuration");
        return store.write(state -> {
            IamState.Role role = Entities.role(state, Trees.string(input, "RoleName"));
            if (input.containsKey("Description")) {
                role.description = Trees.optional(input, "Description");
            }
            if (maxSession != null) {
                role.maxSessionDuration = sessionDuration(maxSession);
            }
            return Map.of();
        });
    }

    private Map<String, Object> updateRoleDescription(RequestContext context, Map<String, Object> input) {
        return store.write(state -> {
            IamState.Role role = Entities.role(state, Trees.string(input, "RoleName"));
            role.description = Trees.optional(input, "Description");
            return Trees.map("Role", entities.roleView(role, true));
        });
    }

    private Map<String, Object> updateAssumeRolePolicy(RequestContext context, Map<String, Object> input) {
        String trust = Entities.trustDocument(Trees.string(input, "PolicyDocument"));
        return store.write(state -> {
            Entities.role(state, Trees.string(input, "RoleName")).trustPolicy = trust;
            return Map.of();
        });
    }

    private Map<String, Object> deleteRole(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "RoleName");
        return store.write(state -> {
            IamState.Role role = Entities.role(state, name);
            for (IamState.InstanceProfile profile : state.instanceProfiles.values()) {
                if (profile.roles.stream().anyMatch(r -> IamStore.key(r).equals(IamStore.key(name)))) {
                    throw IamErrors.deleteConflict("remove roles from instance profile");
                }
            }
            if (!role.inlinePolicies.isEmpty()) {
                throw IamErrors.deleteConflict("delete policies");
            }
            if (!role.attachedPolicies.isEmpty()) {
                throw IamErrors.deleteConflict("detach all policies");
            }
            state.roles.remove(IamStore.key(name));
            return Map.of();
        });
    }

    private Map<String, Object> tagRole(RequestContext context, Map<String, Object> input) {
        Map<String, String> tags = Trees.tags(input, "Tags");
        return store.write(state -> {
            IamState.Role role = Entities.role(state, Trees.string(input, "RoleName"));
            Map<String, String> merged = new LinkedHashMap<>(role.tags);
            merged.putAll(tags);
            UserOperations.checkTags(merged);
            role.tags.putAll(tags);
            return Map.of();
        });
    }

    private Map<String, Object> untagRole(RequestContext context, Map<String, Object> input) {
        List<String> keys = Trees.strings(input, "TagKeys");
        return store.write(state -> {
            keys.forEach(Entities.role(state, Trees.string(input, "RoleName")).tags::remove);
            return Map.of();
        });
    }

    // Instance profiles ------------------------------------------------------------------------

    private static IamState.InstanceProfile profile(IamState state, String name) {
        IamState.InstanceProfile profile = state.instanceProfiles.get(IamStore.key(name));
        if (profile == null) {
            throw IamErrors.noSuchInstanceProfile(name);
        }
        return profile;
    }

    private Map<String, Object> profileView(IamState state, IamState.InstanceProfile profile) {
        List<Object> roles = new ArrayList<>();
        for (String roleName : profile.roles) {
            IamState.Role role = state.roles.get(IamStore.key(roleName));
            if (role != null) {
                roles.add(entities.roleView(role, false));
            }
        }
        Map<String, Object> out = Trees.map("Path", profile.path, "InstanceProfileName", profile.name,
                "InstanceProfileId", profile.id, "Arn", store.arn("instance-profile", profile.path, profile.name),
                "CreateDate", profile.created, "Roles", roles);
        if (!profile.tags.isEmpty()) {
            out.put("Tags", Trees.tagList(profile.tags));
        }
        return out;
    }

    private Map<String, Object> createInstanceProfile(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "InstanceProfileName");
        String path = UserOperations.pathOf(input);
        Map<String, String> tags = Trees.tags(input, "Tags");
        return store.write(state -> {
            if (state.instanceProfiles.containsKey(IamStore.key(name))) {
                throw IamErrors.ALREADY_EXISTS.error("Instance Profile " + name + " already exists.");
            }
            IamState.InstanceProfile profile = new IamState.InstanceProfile();
            profile.name = name;
            profile.path = path;
            profile.id = Ids.unique("AIPA");
            profile.created = now();
            profile.tags.putAll(tags);
            state.instanceProfiles.put(IamStore.key(name), profile);
            return Trees.map("InstanceProfile", profileView(state, profile));
        });
    }

    private Map<String, Object> listInstanceProfiles(RequestContext context, Map<String, Object> input) {
        @Nullable String prefix = Trees.optional(input, "PathPrefix");
        return store.read(state -> Entities.page(input, "InstanceProfiles",
                state.instanceProfiles.values().stream().filter(p -> Entities.underPath(p.path, prefix)).toList(),
                p -> profileView(state, p)));
    }

    private Map<String, Object> deleteInstanceProfile(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "InstanceProfileName");
        return store.write(state -> {
            if (!profile(state, name).roles.isEmpty()) {
                throw IamErrors.deleteConflict("remove roles from instance profile");
            }
            state.instanceProfiles.remove(IamStore.key(name));
            return Map.of();
        });
    }

    private Map<String, Object> addRoleToInstanceProfile(RequestContext context, Map<String, Object> input) {
        return store.write(state -> {
            IamState.InstanceProfile profile = profile(state, Trees.string(input, "InstanceProfileName"));
            IamState.Role role = Entities.role(state, Trees.string(input, "RoleName"));
            if (!profile.roles.isEmpty()) {
                throw IamErrors.LIMIT_EXCEEDED.error("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
            }
            profile.roles.add(role.name);
            return Map.of();
        });
    }

    private Map<String, Object> removeRoleFromInstanceProfile(RequestContext context, Map<String, Object> input) {
        return store.write(state -> {
            IamState.InstanceProfile profile = profile(state, Trees.string(input, "InstanceProfileName"));
            String roleName = Trees.string(input, "RoleName");
            Entities.role(state, roleName);
            if (!profile.roles.removeIf(r -> IamStore.key(r).equals(IamStore.key(roleName)))) {
                throw IamErrors.NO_SUCH_ENTITY.error("Role " + roleName + " in Instance Profile " + profile.name
                        + " cannot be found.");
            }
            return Map.of();
        });
    }

    private Map<String, Object> listInstanceProfilesForRole(RequestContext context, Map<String, Object> input) {
        return store.read(state -> {
            IamState.Role role = Entities.role(state, Trees.string(input, "RoleName"));
            List<IamState.InstanceProfile> profiles = state.instanceProfiles.values().stream()
                    .filter(p -> p.roles.stream().anyMatch(r -> IamStore.key(r).equals(IamStore.key(role.name))))
                    .toList();
            return Entities.page(input, "InstanceProfiles", profiles, p -> profileView(state, p));
        });
    }
}
