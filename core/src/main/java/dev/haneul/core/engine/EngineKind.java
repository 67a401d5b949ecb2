package dev.haneul.core.engine;

/** The engines Haneul runs. */
public enum EngineKind {
    /** {@code mariadbd}, behind Aurora MySQL DB instances. */
    MARIADB,
    /** {@code redis-server}, behind ElastiCache nodes. */
    REDIS
}
