package dev.haneul.iam.store;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Function;

/**
 * IAM's state of the server's account, and the lookups every part of IAM shares: an entity by
 * name (case-insensitively, as IAM's names are unique), a managed policy's default document (AWS
 * managed or the customer's).
 */
public final class IamStore {

    /** IAM is global: one state file per account, under this pseudo-region. */
    public static final String GLOBAL = "global";

    private final ScopedStore<IamState> store;
    private final Scope scope;
    private final Clock clock;
    private final AwsManagedPolicies awsPolicies = AwsManagedPolicies.bundled();
    /** When each long-term key was last used: in memory, so authentication never writes the state file. */
    private final Map<String, KeyUse> keyUses = new ConcurrentHashMap<>();

    /** The last use of an access key ({@code GetAccessKeyLastUsed}). */
    public record KeyUse(Instant time, String service, String region) {}

    public IamStore(ScopedStore<IamState> store, String accountId, Clock clock) {
        this.store = requireNonNull(store, "store");
        this.scope = new Scope(accountId, GLOBAL);
        this.clock = requireNonNull(clock, "clock");
    }

    public String accountId() {
        return scope.accountId();
    }

    public Clock clock() {
        return clock;
    }

    public AwsManagedPolicies awsPolicies() {
        return awsPolicies;
    }

    public void recordKeyUse(String accessKeyId, String service, String region) {
        keyUses.put(accessKeyId, new KeyUse(clock.instant(), service, region));
    }

    public Optional<KeyUse> keyUse(String accessKeyId) {
        return Optional.ofNullable(keyUses.get(accessKeyId));
    }

    public <R> R read(Function<IamState, R> reader) {
        return store.read(scope, reader);
    }

    public <R> R write(Function<IamState, R> mutation) {
        return store.write(scope, mutation);
    }

    /** The map key of an entity name: IAM names are unique case-insensitively. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The default version's document of the managed policy {@code arn}, AWS's or the account's. */
    public Optional<String> policyDocument(IamState state, String arn) {
        Optional<AwsManagedPolicies.AwsPolicy> aws = awsPolicies.find(arn);
        if (aws.isPresent()) {
            return Optional.of(aws.get().document());
        }
        IamState.ManagedPolicy policy = state.policies.get(arn);
        if (policy == null) {
            return Optional.empty();
        }
        for (IamState.PolicyVersion version : policy.versions) {
            if (version.id.equals(policy.defaultVersion)) {
                return Optional.of(version.document);
            }
        }
        return Optional.empty();
    }

    /** The ARN of the account's managed policy {@code path}{@code name}. */
    public String policyArn(String path, String name) {
        return "arn:aws:iam::" + scope.accountId() + ":policy" + path + name;
    }

    public String arn(String type, String path, String name) {
        return "arn:aws:iam::" + scope.accountId() + ":" + type + path + name;
    }
}
