package dev.haneul.iam.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Everything IAM and STS keep for one account. Mutable on purpose: {@code ScopedStore} changes a
 * scope in place under its write lock and persists it afterwards. Maps are keyed by the entity's
 * name in lower case (IAM names are unique case-insensitively); each entity keeps its own spelling.
 */
public final class IamState {

    public Map<String, User> users = new TreeMap<>();
    public Map<String, Group> groups = new TreeMap<>();
    public Map<String, Role> roles = new TreeMap<>();
    /** Customer managed policies by ARN. */
    public Map<String, ManagedPolicy> policies = new TreeMap<>();
    public Map<String, InstanceProfile> instanceProfiles = new TreeMap<>();
    /** Temporary credentials issued by STS, by access key id. */
    public Map<String, Session> sessions = new LinkedHashMap<>();

    /** What users, groups and roles share: inline and attached policies. */
    public abstract static class PolicyHolder {
        public String name = "";
        public String path = "/";
        public String id = "";
        public Instant created = Instant.EPOCH;
        /** Inline policies: name to document (as given). */
        public Map<String, String> inlinePolicies = new LinkedHashMap<>();
        /** Attached managed policies' ARNs, in attach order. */
        public List<String> attachedPolicies = new ArrayList<>();
    }

    public static final class User extends PolicyHolder {
        public Map<String, String> tags = new LinkedHashMap<>();
        public @Nullable String permissionsBoundary;
        /** The groups' names (own spelling), in join order. */
        public List<String> groups = new ArrayList<>();
        public List<AccessKey> accessKeys = new ArrayList<>();
        public @Nullable LoginProfile loginProfile;
        public @Nullable Instant passwordLastUsed;
    }

    public static final class Group extends PolicyHolder {
    }

    public static final class Role extends PolicyHolder {
        public String trustPolicy = "";
        public @Nullable String description;
        public int maxSessionDuration = 3600;
        public Map<String, String> tags = new LinkedHashMap<>();
        public @Nullable String permissionsBoundary;
        public @Nullable Instant lastUsed;
        public @Nullable String lastUsedRegion;
    }

    public static final class AccessKey {
        public String id = "";
        public String secret = "";
        public String status = "Active";
        public Instant created = Instant.EPOCH;
        public @Nullable Instant lastUsed;
        public @Nullable String lastUsedService;
        public @Nullable String lastUsedRegion;
    }

    public static final class LoginProfile {
        public Instant created = Instant.EPOCH;
        public boolean passwordResetRequired;
    }

    public static final class ManagedPolicy {
        public String name = "";
        public String path = "/";
        public String id = "";
        public String arn = "";
        public @Nullable String description;
        public Instant created = Instant.EPOCH;
        public Instant updated = Instant.EPOCH;
        public String defaultVersion = "v1";
        public int nextVersion = 2;
        public List<PolicyVersion> versions = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public static final class PolicyVersion {
        public String id = "v1";
        public String document = "";
        public Instant created = Instant.EPOCH;
    }

    public static final class InstanceProfile {
        public String name = "";
        public String path = "/";
        public String id = "";
        public Instant created = Instant.EPOCH;
        /** Role names (own spelling); at most one. */
        public List<String> roles = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    /** A set of temporary credentials (AssumeRole or GetSessionToken). */
    public static final class Session {
        public String accessKeyId = "";
        public String secret = "";
        public String token = "";
        public Instant expiration = Instant.EPOCH;
        public Instant issued = Instant.EPOCH;
        /** The role assumed (its name), or {@code null} for a GetSessionToken session. */
        public @Nullable String roleName;
        public @Nullable String roleId;
        public @Nullable String sessionName;
        /** The IAM user behind a GetSessionToken session, or {@code null} (role sessions; root). */
        public @Nullable String userName;
        /** Whether the long-term key behind a GetSessionToken session was the account root's. */
        public boolean root;
        public List<String> sessionPolicies = new ArrayList<>();
        public List<String> sessionPolicyArns = new ArrayList<>();
        public Map<String, String> tags = new LinkedHashMap<>();
        public List<String> transitiveTagKeys = new ArrayList<>();
        public @Nullable String sourceIdentity;
        /** Whether these credentials were made with temporary credentials (role chaining). */
        public boolean chained;
    }
}
