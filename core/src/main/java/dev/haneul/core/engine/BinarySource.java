package dev.haneul.core.engine;

/**
 * Where an engine's binaries come from, in the order {@link EngineResolver} tries them.
 */
public enum BinarySource {
    /** A path given in configuration ({@code HANEUL_MARIADB_HOME}, {@code HANEUL_REDIS_SERVER}). */
    CONFIGURED,
    /** Installed on the machine: found on {@code PATH}, in {@code /usr/sbin} or {@code /usr/bin}. */
    SYSTEM,
    /** Shipped inside a Maven artifact on the classpath, unpacked once into the cache directory. */
    BUNDLED
}
