package dev.haneul.examples.board;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.lang.Nullable;

/**
 * The board's own settings, bound from {@code board.*}; {@code application.properties} maps each
 * to its environment variable ({@code BOARD_*}) and default. Redis is Spring Boot's own
 * {@code spring.data.redis.*}. Checked once at start-up; a bad value stops the application with
 * the field's name.
 *
 * @param instanceName what the footer and {@code X-Board-Instance} call this server; blank means
 *     {@code <host name>:<port>}
 * @param sessionStore where HTTP sessions live
 * @param db the database: a writer endpoint, a reader endpoint, and what both share
 */
@ConfigurationProperties("board")
public record BoardProperties(@Nullable String instanceName, SessionStore sessionStore, Db db) {

    public BoardProperties {
        requireNonNull(sessionStore, "board.session-store");
        requireNonNull(db, "board.db");
        instanceName = instanceName == null || instanceName.isBlank() ? null : instanceName.strip();
    }

    /** {@code BOARD_SESSION_STORE}. */
    public enum SessionStore {
        /** Spring Session in Redis (the ElastiCache primary endpoint): any instance can serve any user. */
        REDIS,
        /** The servlet container's sessions in this JVM: a user is logged in on one instance only. */
        MEMORY;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param writer the cluster (writer) endpoint: every write, and the schema
     * @param reader the reader endpoint: every read, unless it does not have the row yet
     * @param name the database (schema) name, created through the writer if missing
     * @param poolSize most connections per endpoint
     */
    public record Db(Endpoint writer, Endpoint reader, String name, String user, String password, int poolSize) {

        public Db {
            requireNonNull(writer, "board.db.writer");
            requireNonNull(reader, "board.db.reader");
            requireNonNull(user, "board.db.user");
            password = password == null ? "" : password;
            if (name == null || !name.matches("[A-Za-z0-9_]{1,64}")) {
                throw new IllegalArgumentException(
                        "board.db.name (BOARD_DB_NAME): '%s' (expected: 1-64 letters, digits or _)".formatted(name));
            }
            if (user.isBlank()) {
                throw new IllegalArgumentException("board.db.user (BOARD_DB_USER): '' (expected: a user name)");
            }
            if (poolSize < 1 || poolSize > 100) {
                throw new IllegalArgumentException(
                        "board.db.pool-size (BOARD_DB_POOL_SIZE): %s (expected: 1-100)".formatted(poolSize));
            }
        }
    }

    /**
     * One endpoint: a full JDBC URL, or a host and port from which the URL is made.
     *
     * @param url {@code jdbc:mariadb://...}, used as given (it then names the database itself); blank for host and port
     */
    public record Endpoint(@Nullable String url, String host, int port) {

        public Endpoint {
            url = url == null || url.isBlank() ? null : url.strip();
            requireNonNull(host, "host");
            if (url == null && host.isBlank()) {
                throw new IllegalArgumentException("board.db.*.host: '' (expected: a host name or address, or a url)");
            }
            if (url != null && !url.startsWith("jdbc:")) {
                throw new IllegalArgumentException("board.db.*.url: '%s' (expected: jdbc:mariadb://...)".formatted(url));
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("board.db.*.port: %s (expected: 1-65535)".formatted(port));
            }
        }

        /** The JDBC URL: {@link #url()} as given, else MariaDB Connector/J's URL for host, port and database with {@code options}. */
        String jdbcUrl(String database, String options) {
            return url != null ? url : "jdbc:mariadb://%s:%d/%s?%s".formatted(host, port, database, options);
        }

        String describe() {
            return url != null ? url.replaceAll("password=[^&]*", "password=***") : host + ":" + port;
        }
    }
}
