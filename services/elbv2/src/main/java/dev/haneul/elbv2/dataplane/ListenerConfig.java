package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One listener: its protocol, the port the user asked for, the port it was last bound on (tried
 * first, so a listener keeps its port across restarts), and its rules in evaluation order, the
 * default rule last.
 *
 * @param boundPort the port it last listened on, or 0 if never bound
 */
public record ListenerConfig(String arn, Protocol protocol, int requestedPort, int boundPort, List<ListenerRule> rules) {

    /** Listener protocols the data plane serves. */
    public enum Protocol { HTTP, TCP }

    public ListenerConfig {
        requireNonNull(arn, "arn");
        requireNonNull(protocol, "protocol");
        if (requestedPort < 1 || requestedPort > 65535) {
            throw new IllegalArgumentException("requestedPort: " + requestedPort + " (expected: 1-65535)");
        }
        if (boundPort < 0 || boundPort > 65535) {
            throw new IllegalArgumentException("boundPort: " + boundPort + " (expected: 0-65535)");
        }
        rules = List.copyOf(requireNonNull(rules, "rules"));
        if (rules.isEmpty() || !rules.getLast().isDefault()) {
            throw new IllegalArgumentException("rules: " + rules + " (expected: the default rule last)");
        }
    }

    /** The same listener, to be bound on {@code port} first. */
    public ListenerConfig withBoundPort(int port) {
        return new ListenerConfig(arn, protocol, requestedPort, port, rules);
    }
}
