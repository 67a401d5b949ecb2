package dev.haneul.elasticache.api;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What ElastiCache chooses when a request leaves it out: member names, availability zones, the
 * node type, the snapshot window, the engine version.
 */
final class Defaults {

    private static final Logger log = LoggerFactory.getLogger(Defaults.class);

    static final String NODE_TYPE = "cache.t3.micro";
    static final String SNAPSHOT_WINDOW = "06:00-07:00";

    /** The version of the {@code redis-server} Haneul runs, such as {@code 7.0.15}. */
    @FunctionalInterface
    interface RedisVersion {
        String get() throws IOException, InterruptedException;
    }

    private final RedisVersion redisVersion;

    Defaults(RedisVersion redisVersion) {
        this.redisVersion = redisVersion;
    }

    /** The engine version users see: what they asked for, else the running engine's major.minor. */
    String engineVersion(String engine, @Nullable String requested) {
        if (requested != null) {
            return requested;
        }
        if (engine.equals("valkey")) {
            return "7.2";
        }
        try {
            String version = redisVersion.get();
            int second = version.indexOf('.', version.indexOf('.') + 1);
            return second < 0 ? version : version.substring(0, second);
        } catch (IOException | RuntimeException e) {
            log.warn("elasticache - cannot tell the Redis version ({}); reporting 7.0", e.getMessage());
            return "7.0";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "7.0";
        }
    }

    /** The {@code number}th member of a group: {@code <group>-001}, … */
    static String memberId(String groupId, int number) {
        return groupId + "-" + String.format(Locale.ROOT, "%03d", number);
    }

    /** The number after the highest member number the group has used. */
    static int nextMemberNumber(ReplicationGroupRecord group) {
        int max = 0;
        for (String id : group.memberIds()) {
            String suffix = id.substring(id.lastIndexOf('-') + 1);
            if (id.startsWith(group.id() + "-") && suffix.matches("\\d{3}")) {
                max = Math.max(max, Integer.parseInt(suffix));
            }
        }
        return max + 1;
    }

    /** The preferred zone of the {@code number}th node, else the region's zones a, b, c in turn. */
    static String zone(RequestContext context, List<String> preferred, int number) {
        if (preferred.size() >= number) {
            return preferred.get(number - 1);
        }
        return context.region() + (char) ('a' + (number - 1) % 3);
    }

    static Scope scope(RequestContext context) {
        return new Scope(context.accountId(), context.region());
    }
}
