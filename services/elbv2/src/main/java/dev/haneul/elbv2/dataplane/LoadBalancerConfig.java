package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.List;

/**
 * One load balancer: its identity, the address its listeners bind ({@code host}, the address
 * returned as its DNSName), its data-plane attributes, the key of its stickiness cookies, and its
 * listeners.
 *
 * @param cookieKey 16 bytes (AES-128) that seal this load balancer's {@code AWSALB*} cookies
 */
public record LoadBalancerConfig(String arn, String name, Kind kind, String host, LoadBalancerSettings settings,
                                 byte[] cookieKey, List<ListenerConfig> listeners) {

    /** Application (HTTP, rules) or network (TCP, connection-level). */
    public enum Kind { APPLICATION, NETWORK }

    public LoadBalancerConfig {
        requireNonNull(arn, "arn");
        requireNonNull(name, "name");
        requireNonNull(kind, "kind");
        requireNonNull(host, "host");
        requireNonNull(settings, "settings");
        requireNonNull(cookieKey, "cookieKey");
        if (cookieKey.length != 16) {
            throw new IllegalArgumentException("cookieKey: " + cookieKey.length + " bytes (expected: 16)");
        }
        cookieKey = cookieKey.clone();
        listeners = List.copyOf(requireNonNull(listeners, "listeners"));
    }

    @Override
    public byte[] cookieKey() {
        return cookieKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoadBalancerConfig other && arn.equals(other.arn) && name.equals(other.name)
                && kind == other.kind && host.equals(other.host) && settings.equals(other.settings)
                && Arrays.equals(cookieKey, other.cookieKey) && listeners.equals(other.listeners);
    }

    @Override
    public int hashCode() {
        return arn.hashCode();
    }

    @Override
    public String toString() {
        return "LoadBalancerConfig[" + name + ", " + kind + ", " + host + ", " + listeners.size() + " listener(s)]";
    }
}
