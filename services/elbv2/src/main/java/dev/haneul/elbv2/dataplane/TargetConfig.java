package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

/**
 * A registered target: the id the API shows (an IP address for target type {@code ip}), its port,
 * and the host to connect to. A target is identified by id and port together.
 */
public record TargetConfig(String id, int port, String host) {

    public TargetConfig {
        requireNonNull(id, "id");
        requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
    }

    /** {@code id:port}, the target's key. */
    public String key() {
        return id + ":" + port;
    }
}
