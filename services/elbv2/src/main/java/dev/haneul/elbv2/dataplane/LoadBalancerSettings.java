package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The load balancer attributes that change what the data plane does.
 *
 * @param idleTimeout {@code idle_timeout.timeout_seconds}: a client or target connection with no
 *     byte in either direction for this long is closed; a target that sends nothing for this long
 *     after a request gets the client a 504
 * @param clientKeepAlive {@code client_keep_alive.seconds}: a client connection older than this is
 *     closed after its current response
 * @param xffMode {@code routing.http.xff_header_processing.mode}
 * @param xffClientPort {@code routing.http.xff_client_port.enabled}
 * @param preserveHostHeader {@code routing.http.preserve_host_header.enabled}
 * @param dropInvalidHeaderFields {@code routing.http.drop_invalid_header_fields.enabled}
 * @param accessLog where to append access log lines ({@code access_logs.s3.enabled}), empty when off
 */
public record LoadBalancerSettings(Duration idleTimeout, Duration clientKeepAlive, XffMode xffMode,
                                   boolean xffClientPort, boolean preserveHostHeader,
                                   boolean dropInvalidHeaderFields, Optional<Path> accessLog) {

    /** What ALB does with an incoming {@code X-Forwarded-For}. */
    public enum XffMode { APPEND, PRESERVE, REMOVE }

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLIENT_KEEP_ALIVE = Duration.ofSeconds(3600);

    public LoadBalancerSettings {
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(clientKeepAlive, "clientKeepAlive");
        requireNonNull(xffMode, "xffMode");
        requireNonNull(accessLog, "accessLog");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
        }
    }

    /** ALB's defaults. */
    public static LoadBalancerSettings defaults() {
        return new LoadBalancerSettings(DEFAULT_IDLE_TIMEOUT, DEFAULT_CLIENT_KEEP_ALIVE, XffMode.APPEND, false, false,
                false, Optional.empty());
    }
}
