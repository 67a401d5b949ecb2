package dev.haneul.iam.api;

import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.iam.store.IamState;
import dev.haneul.iam.store.IamStore;
import dev.haneul.iam.store.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Users, groups and membership, access keys and login profiles. */
final class UserOperations {

    static final int ACCESS_KEYS_PER_USER = 2;
    static final int TAGS_PER_ENTITY = 50;

    private final Entities entities;
    private final IamStore store;
    private final CallerNames callers;

    UserOperations(Entities entities, CallerNames callers) {
        this.entities = entities;
        this.store = entities.store;
        this.callers = callers;
    }

    void register(Operations.Builder ops) {
        ops.addTree("CreateUser", this::createUser)
                .addTree("GetUser", this::getUser)
                .addTree("ListUsers", this::listUsers)
                .addTree("UpdateUser", this::updateUser)
                .addTree("DeleteUser", this::deleteUser)
                .addTree("TagUser", this::tagUser)
                .addTree("UntagUser", this::untagUser)
                .addTree("ListUserTags", this::listUserTags)
                .addTree("CreateGroup", this::createGroup)
                .addTree("GetGroup", this::getGroup)
                .addTree("ListGroups", this::listGroups)
                .addTree("UpdateGroup", this::updateGroup)
                .addTree("DeleteGroup", this::deleteGroup)
                .addTree("AddUserToGroup", this::addUserToGroup)
                .addTree("RemoveUserFromGroup", this::removeUserFromGroup)
                .addTree("ListGroupsForUser", this::listGroupsForUser)
                .addTree("CreateAccessKey", this::createAccessKey)
                .addTree("ListAccessKeys", this::listAccessKeys)
                .addTree("UpdateAccessKey", this::updateAccessKey)
                .addTree("DeleteAccessKey", this::deleteAccessKey)
                .addTree("GetAccessKeyLastUsed", this::getAccessKeyLastUsed)
                .addTree("CreateLoginProfile", this::createLoginProfile)
                .addTree("GetLoginProfile", this::getLoginProfile)
                .addTree("UpdateLoginProfile", this::updateLoginProfile)
                .addTree("DeleteLoginProfile", this::deleteLoginProfile)
                .addTree("ListMFADevices", (c, in) -> Trees.map("MFADevices", List.of(), "IsTruncated", false))
                .addTree("ListSigningCertificates", (c, in) -> Trees.map("Certificates", List.of(), "IsTruncated", false))
                .addTree("ListSSHPublicKeys", (c, in) -> Trees.map("SSHPublicKeys", List.of(), "IsTruncated", false))
                .addTree("ListServiceSpecificCredentials", (c, in) -> Trees.map("ServiceSpecificCredentials", List.of()));
    }

    private Instant now() {
        return store.clock().instant();
    }

    private Map<String, Object> createUser(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "UserName");
        String path = pathOf(input);
        Map<String, String> tags = Trees.tags(input, "Tags");
        @Nullable String boundary = Trees.optional(input, "PermissionsBoundary");
        return store.write(state -> {
            if (state.users.containsKey(IamStore.key(name))) {
                throw IamErrors.ALREADY_EXISTS.error("User with name " + name + " already exists.");
            }
            checkTags(tags);
            if (boundary != null) {
                entities.requireAttachable(state, boundary);
            }
            IamState.User user = new IamState.User();
            user.name = name;
            user.path = path;
            user.id = Ids.unique("AIDA");
            user.created = now();
            user.tags.putAll(tags);
            user.permissionsBoundary = boundary;
            state.users.put(IamStore.key(name), user);
            return Trees.map("User", entities.userView(user, true));
        });
    }

    private Map<String, Object> getUser(RequestContext context, Map<String, Object> input) {
        @Nullable String name = Trees.optional(input, "UserName");
        if (name == null) {
            name = callers.userNameOf(context);
            if (name == null) {
                // The root user: AWS answers with the account's root identity.
                return Trees.map("User", Trees.map("UserId", store.accountId(),
                        "Arn", "arn:aws:iam::" + store.accountId() + ":root", "CreateDate", Instant.EPOCH,
                        "Path", "/", "UserName", ""));
            }
        }
        String userName = name;
        return store.read(state -> Trees.map("User", entities.userView(Entities.user(state, userName), true)));
    }

    private Map<String, Object> listUsers(RequestContext context, Map<String, Object> input) {
        @Nullable String prefix = Trees.optional(input, "PathPrefix");
        return store.read(state -> {
            List<IamState.User> users = state.users.values().stream()
                    .filter(u -> Entities.underPath(u.path, prefix)).toList();
            return Entities.page(input, "Users", users, u -> entities.userView(u, false));
        });
    }

    private Map<String, Object> updateUser(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "UserName");
        @Nullable String newName = Trees.optional(input, "NewUserName");
        @Nullable String newPath = Trees.optional(input, "NewPath");
        return store.write(state -> {
            IamState.User user = Entities.user(state, name);
            if (newName != null && !IamStore.key(newName).equals(IamStore.key(name))) {
                if (state.users.containsKey(IamStore.key(newName))) {
                    throw IamErrors.ALREADY_EXISTS.error("User with name " + newName + " already exists.");
                }
                state.users.remove(IamStore.key(name));
                state.users.put(IamStore.key(newName), user);
            }
            if (newName != null) {
                user.name = newName;
            }
            if (newPath != null) {
                user.path = newPath;
            }
            return Map.of();
        });
    }

    private Map<String, Object> deleteUser(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "UserName");
        return store.write(state -> {
            IamState.User user = Entities.user(state, name);
            if (user.loginProfile != null) {
                throw IamErrors.deleteConflict("delete login profile");
            }
            if (!user.accessKeys.isEmpty()) {
                throw IamErrors.deleteConflict("delete access keys");
            }
            if (!user.inlinePolicies.isEmpty()) {
                throw IamErrors.deleteConflict("delete policies");
            }
            if (!user.attachedPolicies.isEmpty()) {
                throw IamErrors.deleteConflict("detach all policies");
            }
            if (!user.groups.isEmpty()) {
                throw IamErrors.deleteConflict("remove user from all groups");
            }
            state.users.remove(IamStore.key(name));
            return Map.of();
        });
    }

    private Map<String, Object> tagUser(RequestContext context, Map<String, Object> input) {
        Map<String, String> tags = Trees.tags(input, "Tags");
        return store.write(state -> {
            IamState.User user = Entities.user(state, Trees.string(input, "UserName"));
            Map<String, String> merged = new LinkedHashMap<>(user.tags);
            merged.putAll(tags);
            checkTags(merged);
            user.tags.putAll(tags);
            return Map.of();
        });
    }

    private Map<String, Object> untagUser(RequestContext context, Map<String, Object> input) {
        List<String> keys = Trees.strings(input, "TagKeys");
        return store.write(state -> {
            keys.forEach(Entities.user(state, Trees.string(input, "UserName")).tags::remove);
            return Map.of();
        });
    }

    private Map<String, Object> listUserTags(RequestContext context, Map<String, Object> input) {
        return store.read(state -> {
            IamState.User user = Entities.user(state, Trees.string(input, "UserName"));
            return Entities.page(input, "Tags", List.copyOf(user.tags.entrySet()),
                    e -> Map.of("Key", e.getKey(), "Value", e.getValue()));
        });
    }

    static void checkTags(Map<String, String> tags) {
        if (tags.size() > TAGS_PER_ENTITY) {
            throw IamErrors.LIMIT_EXCEEDED.error("Cannot exceed quota for TagsPerEntity: " + TAGS_PER_ENTITY);
        }
        Set<String> seen = new HashSet<>();
        for (String key : tags.keySet()) {
            if (!seen.add(IamStore.key(key))) {
                throw IamErrors.INVALID_INPUT.error("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }

    static String pathOf(Map<String, Object> input) {
        @Nullable String path = Trees.optional(input, "Path");
        if (path == null) {
            return "/";
        }
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw IamErrors.VALIDATION.error("1 validation error detected: Value '" + path
                    + "' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)");
        }
        return path;
    }

    // Groups -----------------------------------------------------------------------------------

    private Map<String, Object> createGroup(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "GroupName");
        String path = pathOf(input);
        return store.write(state -> {
            if (state.groups.containsKey(IamStore.key(name))) {
                throw IamErrors.ALREADY_EXISTS.error("Group with name " + name + " already exists.");
            }
            IamState.Group group = new IamState.Group();
            group.name = name;
            group.path = path;
            group.id = Ids.unique("AGPA");
            group.created = now();
            state.groups.put(IamStore.key(name), group);
            return Trees.map("Group", entities.groupView(group));
        });
    }

    private Map<String, Object> getGroup(RequestContext context, Map<String, Object> input) {
        return store.read(state -> {
            IamState.Group group = Entities.group(state, Trees.string(input, "GroupName"));
            List<IamState.User> members = members(state, group);
            Map<String, Object> out = Entities.page(input, "Users", members, u -> entities.userView(u, false));
            out.put("Group", entities.groupView(group));
            return out;
        });
    }

    static List<IamState.User> members(IamState state, IamState.Group group) {
        List<IamState.User> out = new ArrayList<>();
        for (IamState.User user : state.users.values()) {
            for (String g : user.groups) {
                if (IamStore.key(g).equals(IamStore.key(group.name))) {
                    out.add(user);
                }
            }
        }
        return out;
    }

    private Map<String, Object> listGroups(RequestContext context, Map<String, Object> input) {
        @Nullable String prefix = Trees.optional(input, "PathPrefix");
        return store.read(state -> Entities.page(input, "Groups",
                state.groups.values().stream().filter(g -> Entities.underPath(g.path, prefix)).toList(),
                entities::groupView));
    }

    private Map<String, Object> updateGroup(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "GroupName");
        @Nullable String newName = Trees.optional(input, "NewGroupName");
        @Nullable String newPath = Trees.optional(input, "NewPath");
        return store.write(state -> {
            IamState.Group group = Entities.group(state, name);
            if (newName != null && !IamStore.key(newName).equals(IamStore.key(name))) {
                if (state.groups.containsKey(IamStore.key(newName))) {
                    throw IamErrors.ALREADY_EXISTS.error("Group with name " + newName + " already exists.");
                }
                state.groups.remove(IamStore.key(name));
                state.groups.put(IamStore.key(newName), group);
                for (IamState.User user : state.users.values()) {
                    user.groups.replaceAll(g -> IamStore.key(g).equals(IamStore.key(name)) ? newName : g);
                }
            }
            if (newName != null) {
                group.name = newName;
            }
            if (newPath != null) {
                group.path = newPath;
            }
            return Map.of();
        });
    }

    private Map<String, Object> deleteGroup(RequestContext context, Map<String, Object> input) {
        String name = Trees.string(input, "GroupName");
        return store.write(state -> {
            IamState.Group group = Entities.group(state, name);
            if (!members(state, group).isEmpty()) {
                throw IamErrors.deleteConflict("remove users from group");
            }
            if (!group.inlinePolicies.isEmpty()) {
                throw IamErrors.deleteConflict("delete policies");
            }
            if (!group.attachedPolicies.isEmpty()) {
                throw IamErrors.deleteConflict("detach all policies");
            }
            state.groups.remove(IamStore.key(name));
            return Map.of();
        });
    }

    private Map<String, Object> addUserToGroup(RequestContext context, Map<String, Object> input) {
        return store.write(state -> {
            IamState.Group group = Entities.group(state, Trees.string(input, "GroupName"));
            IamState.User user = Entities.user(state, Trees.string(input, "UserName"));
            boolean member = user.groups.stream().anyMatch(g -> IamStore.key(g).equals(IamStore.key(group.name)));
            if (!member) {
                if (user.groups.size() >= 10) {
                    throw IamErrors.LIMIT_EXCEEDED.error("Cannot exceed quota for GroupsPerUser: 10");
                }
                user.groups.add(group.name);
            }
            return Map.of();
        });
    }

    private Map<String, Object> removeUserFromGroup(RequestContext context, Map<String, Object> input) {
        return store.write(state -> {
            IamState.Group group = Entities.group(state, Trees.string(input, "GroupName"));
            IamState.User user = Entities.user(state, Trees.string(input, "UserName"));
            if (!user.groups.removeIf(g -> IamStore.key(g).equals(IamStore.key(group.name)))) {
                throw IamErrors.NO_SUCH_ENTITY.error("The user with name " + user.name
                        + " cannot be found in group " + group.name + ".");
            }
            return Map.of();
        });
    }

    private Map<String, Object> listGroupsForUser(RequestContext context, Map<String, Object> input) {
        return store.read(state -> {
            IamState.User user = Entities.user(state, Trees.string(input, "UserName"));
            List<IamState.Group> groups = new ArrayList<>();
            for (String g : user.groups) {
                IamState.Group group = state.groups.get(IamStore.key(g));
                if (group != null) {
                    groups.add(group);
                }
            }
            return Entities.page(input, "Groups", groups, entities::groupView);
        });
    }

    // Access keys ------------------------------------------------------------------------------

    /** The user named in the request, or the caller when it is an IAM user (AWS's implicit default). */
    private String userOrCaller(RequestContext context, Map<String, Object> input) {
        @Nullable String name = Trees.optional(input, "UserName");
        if (name != null) {
            return name;
        }
        @Nullable String caller = callers.userNameOf(context);
        if (caller == null) {
            throw IamErrors.VALIDATION.error("Must specify userName when calling with non-User credentials");
        }
        return caller;
    }

    private Map<String, Object> createAccessKey(RequestContext context, Map<String, Object> input) {
        String name = userOrCaller(context, input);
        return store.write(state -> {
            IamState.User user = Entities.user(state, name);
            if (user.accessKeys.size() >= ACCESS_KEYS_PER_USER) {
                throw IamErrors.LIMIT_EXCEEDED.error("Cannot exceed quota for AccessKeysPerUser: " + ACCESS_KEYS_PER_USER);
            }
            IamState.AccessKey key = new IamState.AccessKey();
            key.id = Ids.accessKey("AKIA");
            key.secret = Ids.secret();
            key.created = now();
            user.accessKeys.add(key);
            return Trees.map("AccessKey", Trees.map("UserName", user.name, "AccessKeyId", key.id, "Status", key.status,
                    "SecretAccessKey", key.secret, "CreateDate", key.created));
        });
    }

    private Map<String, Object> listAccessKeys(RequestContext context, Map<String, Object> input) {
        String name = userOrCaller(context, input);
        return store.read(state -> {
            IamState.User user = Entities.user(state, name);
            return Entities.page(input, "AccessKeyMetadata", user.accessKeys, key -> Trees.map("UserName", user.name,
                    "AccessKeyId", key.id, "Status", key.status, "CreateDate", key.created));
        });
    }

    private IamState.AccessKey key(IamState.User user, String id) {
        for (IamState.AccessKey key : user.accessKeys) {
            if (key.id.equals(id)) {
                return key;
            }
        }
        throw IamErrors.NO_SUCH_ENTITY.error("The Access Key with id " + id + " cannot be found.");
    }

    private Map<String, Object> updateAccessKey(RequestContext context, Map<String, Object> input) {
        String name = userOrCaller(context, input);
        return store.write(state -> {
            key(Entities.user(state, name), Trees.string(input, "AccessKeyId")).status = Trees.string(input, "Status");
            return Map.of();
        });
    }

    private Map<String, Object> deleteAccessKey(RequestContext context, Map<String, Object> input) {
        String name = userOrCaller(context, input);
        return store.write(state -> {
            IamState.User user = Entities.user(state, name);
            user.accessKeys.remove(key(user, Trees.string(input, "AccessKeyId")));
            return Map.of();
        });
    }

    private Map<String, Object> getAccessKeyLastUsed(RequestContext context, Map<String, Object> input) {
        String id = Trees.string(input, "AccessKeyId");
        return store.read(state -> {
            for (IamState.User user : state.users.values()) {
                for (IamState.AccessKey key : user.accessKeys) {
                    if (key.id.equals(id)) {
                        Map<String, Object> lastUsed = store.keyUse(id)
                                .map(use -> Trees.map("LastUsedDate", use.time(), "ServiceName", use.service(),
                                        "Region", use.region()))
                                .orElseGet(() -> Trees.map("ServiceName", "N/A", "Region", "N/A"));
                        return Trees.map("UserName", user.name, "AccessKeyLastUsed", lastUsed);
                    }
                }
            }
            throw IamErrors.NO_SUCH_ENTITY.error("The Access Key with id " + id + " cannot be found.");
        });
    }

    // Login profiles ---------------------------------------------------------------------------

    private Map<String, Object> createLoginProfile(RequestContext context, Map<String, Object> input) {
        String name = userOrCaller(context, input);
        return store.write(state -> {
            IamState.User user = Entities.user(state, name);
            if (user.loginProfile != null) {
                throw IamErrors.ALREADY_EXISTS.error("Login Profile for user " + user.name + " already exists.");
            }
            IamState.LoginProfile profile = new IamState.LoginProfile();
            profile.created = now();
            profile.passwordResetRequired = Trees.bool(input, "PasswordResetRequired");
            user.loginProfile = profile;
            return Trees.map("LoginProfile", loginView(user, profile));
        });
    }

    private static Map<String, Object> loginView(IamState.User user, IamState.LoginProfile profile) {
        return Trees.map("UserName", user.name, "CreateDate", profile.created,
                "PasswordResetRequired", profile.passwordResetRequired);
    }

    private static IamState.LoginProfile profile(IamState.User user) {
        IamState.LoginProfile profile = user.loginProfile;
        if (profile == null) {
            throw IamErrors.NO_SUCH_ENTITY.error("Login Profile for User " + user.name + " cannot be found.");
        }
        return profile;
    }

    private Map<String, Object> getLoginProfile(RequestContext context, Map<String, Object> input) {
        String name = userOrCaller(context, input);
        return store.read(state -> {
            IamState.User user = Entities.user(state, name);
            return Trees.map("LoginProfile", loginView(user, profile(user)));
        });
    }

    private Map<String, Object> updateLoginProfile(RequestContext context, Map<String, Object> input) {
        String name = userOrCaller(context, input);
        return store.write(state -> {
            IamState.LoginProfile profile = profile(Entities.user(state, name));
            if (input.containsKey("PasswordResetRequired")) {
                profile.passwordResetRequired = Trees.bool(input, "PasswordResetRequired");
            }
            return Map.of();
        });
    }

    private Map<String, Object> deleteLoginProfile(RequestContext context, Map<String, Object> input) {
        String name = userOrCaller(context, input);
        return store.write(state -> {
            IamState.User user = Entities.user(state, name);
            profile(user);
            user.loginProfile = null;
            return Map.of();
        });
    }
}
