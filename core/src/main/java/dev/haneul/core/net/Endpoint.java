package dev.haneul.core.net;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;

/** A user-facing address and port: what the API returns where AWS returns a host name and port. */
public record Endpoint(String host, int port) {

    public Endpoint {
        requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1-65535)");
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
