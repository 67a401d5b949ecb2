package dev.haneul.elasticache.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.engine.RedisConfig;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The admin commands ElastiCache keeps from its users, renamed in every engine's config to a name
 * only Haneul knows ({@code <secret>-config}, …). Users get Redis's own
 * {@code ERR unknown command 'CONFIG'} for them; Haneul uses the secret names for replication,
 * failover and AUTH token rotation. {@code SYNC} and {@code PSYNC} keep their names because
 * replicas send them to their primary.
 *
 * @param secret a random prefix per replication group or cache cluster, kept in its state
 */
public record AdminCommands(String secret) {

    /** What users cannot run, as ElastiCache (its documented list of restricted commands, less (P)SYNC). */
    public static final List<String> RESTRICTED = List.of("ACL", "BGREWRITEAOF", "BGSAVE", "CONFIG", "DEBUG",
            "FAILOVER", "MODULE", "REPLICAOF", "SAVE", "SHUTDOWN", "SLAVEOF");

    private static final SecureRandom RANDOM = new SecureRandom();

    public AdminCommands {
        requireNonNull(secret, "secret");
        if (!secret.matches("[a-z0-9]{16,64}")) {
            throw new IllegalArgumentException("secret: (hidden) (expected: 16-64 lower-case letters and digits)");
        }
    }

    /** A fresh random secret. */
    public static String newSecret() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The name Haneul sends for {@code command}. */
    String name(String command) {
        return "haneul-" + secret + "-" + command.toLowerCase(Locale.ROOT);
    }

    /** Adds the {@code rename-command} lines. */
    RedisConfig.Builder applyTo(RedisConfig.Builder config) {
        for (String command : RESTRICTED) {
            config.renameCommand(command, name(command));
        }
        return config;
    }
}
