package dev.haneul.elasticache.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.resource.PageLimits;
import dev.haneul.core.resource.Paging;
import dev.haneul.core.resource.TagRules;
import dev.haneul.elasticache.model.GroupStatus;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The checks ElastiCache makes on identifiers, tokens and counts, with its typed
 * {@code InvalidParameterValue} / {@code InvalidParameterCombination} errors.
 */
final class Validation {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9-]*");
    /** Printable ASCII without space, and of the specials only {@code !&#$^<>-}. */
    private static final Pattern AUTH_TOKEN = Pattern.compile("[A-Za-z0-9!&#$^<>-]{16,128}");
    static final int MAX_NODES = 6;
    static final int MAX_REPLICAS = MAX_NODES - 1;
    /** {@code MaxRecords}: 20 to 100, 100 when not given. */
    static final PageLimits PAGE_LIMITS = new PageLimits(20, 100, 100);

    private final ServiceErrors errors;

    Validation(ServiceErrors errors) {
        this.errors = errors;
    }

    /**
     * A replication group or cache cluster id, lower-cased as ElastiCache stores it: 1 to
     * {@code max} letters, digits and hyphens, a letter first, no trailing or double hyphen.
     */
    String identifier(String parameter, String value, int max) {
        String id = value.toLowerCase(Locale.ROOT);
        if (id.isEmpty() || id.length() > max || !IDENTIFIER.matcher(id).matches() || id.endsWith("-")
                || id.contains("--")) {
            throw invalidValue("%s must contain from 1 to %d alphanumeric characters or hyphens; the first "
                    + "character must be a letter; it cannot end with a hyphen or contain two consecutive hyphens. "
                    + "(%s)", parameter, max, value);
        }
        return id;
    }

    void authToken(String token) {
        if (!AUTH_TOKEN.matcher(token).matches()) {
            throw invalidValue("Invalid AuthToken provided. The AuthToken must be 16 to 128 printable ASCII "
                    + "characters; the only special characters allowed are !, &, #, $, ^, <, > and -.");
        }
    }

    String engine(@Nullable String engine) {
        String lower = engine == null ? "redis" : engine.toLowerCase(Locale.ROOT);
        if (lower.equals("memcached")) {
            throw CommonErrors.NOT_IMPLEMENTED.error(
                    "Haneul does not emulate ElastiCache for Memcached; use engine redis or valkey.");
        }
        if (!List.of("redis", "valkey").contains(lower)) {
            throw invalidValue("Invalid engine: %s. Valid engines are redis, valkey and memcached.",
                    String.valueOf(engine));
        }
        return lower;
    }

    int port(@Nullable Integer port) {
        if (port == null) {
            return 6379;
        }
        if (port < 1 || port > 65535) {
            throw invalidValue("Port must be between 1 and 65535 (%s).", port);
        }
        return port;
    }

    /**
     * Checks {@code MaxRecords} before anything else of a Describe request is looked at, as
     * ElastiCache reports a bad page size first.
     */
    void pageSize(@Nullable Integer maxRecords) {
        if (maxRecords != null && !PAGE_LIMITS.allows(maxRecords)) {
            throw pagingErrors().invalidSize(maxRecords, PAGE_LIMITS);
        }
    }

    /** ElastiCache's errors for a bad {@code MaxRecords} or {@code Marker}. */
    Paging.Errors pagingErrors() {
        return new Paging.Errors() {
            @Override
            public AwsServiceException invalidSize(int size, PageLimits limits) {
                return invalidValue("MaxRecords must be between %d and %d (%s).", limits.min(), limits.max(), size);
            }

            @Override
            public AwsServiceException invalidMarker(String marker) {
                return invalidValue("Invalid marker: %s", marker);
            }
        };
    }

    /** ElastiCache's errors for tags: {@code TagQuotaPerResourceExceeded}, else {@code InvalidParameterValue}. */
    TagRules.Errors tagErrors() {
        return new TagRules.Errors() {
            @Override
            public AwsServiceException tooMany(int max) {
                return errors.error("TagQuotaPerResourceExceeded", "A resource can have at most %d tags.", max);
            }

            @Override
            public AwsServiceException invalidKey(String key, String reason) {
                return invalidValue("Invalid tag key: %s.", key);
            }

            @Override
            public AwsServiceException invalidValue(String key, String reason) {
                return Validation.this.invalidValue("Invalid tag value for key %s: %s.", key, reason);
            }
        };
    }

    /** {@code InvalidReplicationGroupStateFault} unless the group is {@code available}. */
    void requireAvailable(ReplicationGroupRecord group) {
        GroupStatus.LIFECYCLE.require(group.status(), Set.of(GroupStatus.AVAILABLE),
                () -> errors.error("InvalidReplicationGroupStateFault",
                        "Replication group %s is not in available state (%s).", group.id(), group.status().wire()));
    }

    /** Only the default parameter groups exist in Haneul. */
    void parameterGroup(@Nullable String name) {
        if (name != null && !name.startsWith("default.")) {
            throw errors.error("CacheParameterGroupNotFoundFault", "CacheParameterGroup not found: %s "
                    + "(Haneul emulates only the default parameter groups).", name);
        }
    }

    /** {@code NewReplicaCount}, or the one of {@code ReplicaConfiguration}; one is required. */
    int replicaCount(@Nullable Integer newReplicaCount, @Nullable Integer fromConfiguration) {
        Integer wanted = newReplicaCount != null ? newReplicaCount : fromConfiguration;
        if (wanted == null) {
            throw invalidCombination("Either NewReplicaCount or ReplicaConfiguration is required.");
        }
        return wanted;
    }

    AwsServiceException invalidValue(String format, Object... args) {
        return errors.error("InvalidParameterValueException", format, args);
    }

    AwsServiceException invalidCombination(String format, Object... args) {
        return errors.error("InvalidParameterCombinationException", format, args);
    }

    static AwsServiceException notEmulated(String what) {
        return CommonErrors.NOT_IMPLEMENTED.error("Haneul does not emulate " + what + ".");
    }
}
