package dev.haneul.elbv2.api;

import dev.haneul.elbv2.model.TargetGroupRecord;
import dev.haneul.elbv2.model.TargetRecord;
import java.net.InetAddress;
import java.net.UnknownHostException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import org.jspecify.annotations.Nullable;

/**
 * Targets as {@code RegisterTargets} checks them: {@code ip} targets must be IP literals on this
 * machine or in the private ranges ELBv2 accepts; {@code instance} targets are refused (Haneul has
 * no EC2); a missing port is the target group's.
 */
final class Targets {

    private Targets() {}

    /** A target to register, checked against its target group's type. */
    static TargetRecord check(TargetGroupRecord tg, TargetDescription target) {
        String id = target.id();
        switch (tg.targetType()) {
            case "instance" -> throw Elbv2Errors.error("InvalidTargetException",
                    "The following targets are not in a running state and can't be registered: '%s' (Haneul emulates "
                            + "no EC2 instances; register 127.0.0.1:port targets in a target group of target type ip)", id);
            case "lambda" -> throw Elbv2Errors.notImplemented("Lambda targets");
            default -> { }
        }
        InetAddress address = ipLiteral(id);
        if (address == null) {
            throw Elbv2Errors.error("InvalidTargetException", "The IP address '%s' is not a valid IP address", id);
        }
        if (!allowedTargetAddress(address)) {
            throw Elbv2Errors.error("InvalidTargetException",
                    "The IP address '%s' is not in a private or loopback range; Haneul's targets run on this machine", id);
        }
        Integer port = target.port() != null ? target.port() : tg.port();
        if (port == null) {
            throw Elbv2Errors.validation("A port must be specified for target '%s'", id);
        }
        Elbv2Errors.requirePort(port, "Port");
        return new TargetRecord(id, port, target.availabilityZone());
    }

    private static @Nullable InetAddress ipLiteral(@Nullable String id) {
        if (id == null || !id.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(id);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Loopback, and the ranges ELBv2 accepts for ip targets (RFC 1918, 100.64/10, IPv6 unique-local). */
    private static boolean allowedTargetAddress(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        return b.length == 4 ? (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 : (b[0] & 0xfe) == 0xfc;
    }
}
