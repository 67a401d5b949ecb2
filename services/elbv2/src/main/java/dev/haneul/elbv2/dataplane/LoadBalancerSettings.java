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
 * @param desyncMitigation {@code routing.http.desync_mitigation_mode}
 * @param accessLog where to append access log lines ({@code access_logs.s3.enabled}), empty when off
 */
public record LoadBalancerSettings(Duration idleTimeout, Duration clientKeepAlive, XffMode xffMode,
                                   boolean xffClientPort, boolean preserveHostHeader,
                                   boolean dropInvalidHeaderFields, DesyncMitigation desyncMitigation,
                                   Optional<Path> accessLog) {

    /** What ALB does with an incoming {@code X-Forwarded-For}. */
    public enum XffMode { APPEND, PRESERVE, REMOVE }

    /**
     * What ALB does with requests its desync mitigation classifies (see
     * {@link dev.haneul.core.http.DesyncClassification}): {@code MONITOR} routes whatever can be
     * framed; {@code DEFENSIVE} (the default) routes ambiguous requests and then closes both the
     * client and the target connection; {@code STRICTEST} refuses every request that is not compliant.
     * Requests that cannot be framed (severe) are refused in every mode.
     */
    public enum DesyncMitigation { MONITOR, DEFENSIVE, STRICTEST }

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLIENT_KEEP_ALIVE = Duration.ofSeconds(3600);

    public LoadBalancerSettings {
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(clientKeepAlive, "clientKeepAlive");
        requireNonNull(xffMode, "xffMode");
        requireNonNull(desyncMitigation, "desyncMitigation");
        requireNonNull(accessLog, "accessLog");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
        }
    }

    /** ALB's defaults. */
    public static LoadBalancerSettings defaults() {
        return new LoadBalancerSettings(DEFAULT_IDLE_TIMEOUT, DEFAULT_CLIENT_KEEP_ALIVE, XffMode.APPEND, false, false,
                false, DesyncMitigation.DEFENSIVE, Optional.empty());
    }
}
