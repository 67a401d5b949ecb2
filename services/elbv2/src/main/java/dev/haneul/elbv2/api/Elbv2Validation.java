package dev.haneul.elbv2.api;

import dev.haneul.elbv2.model.LoadBalancerRecord;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * The input checks several resource families share, worded as ELBv2 words them: resource names,
 * subnet, security group and VPC ids, listener protocols per load balancer type, and the limits of
 * lists of ARNs. Checks of one family only (health checks, attributes, conditions, actions,
 * targets) live in their own classes.
 */
final class Elbv2Validation {

    /** At most this many ARNs (or names) in one describe or tag call. */
    static final int MAX_ARNS = 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final Pattern SUBNET = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern VPC = Pattern.compile("vpc-[0-9a-f]{8,17}");

    private Elbv2Validation() {}

    /** A load balancer or target group name: 1-32 alphanumerics and hyphens, no hyphen at either end. */
    static void checkName(@Nullable String name, String kind) {
        if (name == null || name.length() > 32) {
            throw Elbv2Errors.validation("%s name cannot be longer than 32 characters", kind);
        }
        if (!NAME.matcher(name).matches()) {
            throw Elbv2Errors.validation("%s name '%s' can contain only alphanumeric characters and hyphens, and "
                    + "cannot begin or end with a hyphen", kind, name);
        }
    }

    /** At most {@link #MAX_ARNS} ARNs of {@code kind} ({@code "resource"}, {@code "load balancer"}…). */
    static void checkArnCount(List<String> arns, String kind) {
        if (arns.size() > MAX_ARNS) {
            throw Elbv2Errors.validation("At most %d %s ARNs can be specified", MAX_ARNS, kind);
        }
    }

    /**
     * The distinct subnet ids of {@code Subnets} or {@code SubnetMappings} (not both): at least two
     * for an Application Load Balancer, at least one otherwise.
     */
    static List<String> subnetIds(@Nullable List<String> subnets, @Nullable List<SubnetMapping> mappings,
                                  boolean application) {
        if (subnets != null && !subnets.isEmpty() && mappings != null && !mappings.isEmpty()) {
            throw Elbv2Errors.validation("You can specify subnets or subnet mappings, but not both");
        }
        List<String> ids = subnets != null && !subnets.isEmpty() ? subnets
                : mappings == null ? List.of() : mappings.stream().map(SubnetMapping::subnetId).toList();
        for (String id : ids) {
            if (id == null || !SUBNET.matcher(id).matches()) {
                throw Elbv2Errors.error("SubnetNotFoundException", "The subnet ID '%s' is not valid", id);
            }
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (application && distinct.size() < 2) {
            throw Elbv2Errors.validation("At least two subnets in two different Availability Zones must be specified");
        }
        if (distinct.isEmpty()) {
            throw Elbv2Errors.validation("At least one subnet must be specified");
        }
        return distinct;
    }

    static void checkSecurityGroup(@Nullable String id) {
        if (id == null || !SECURITY_GROUP.matcher(id).matches()) {
            throw Elbv2Errors.error("InvalidSecurityGroupException", "Security group '%s' does not exist", id);
        }
    }

    static void checkVpc(String vpcId) {
        if (!VPC.matcher(vpcId).matches()) {
            throw Elbv2Errors.validation("The VPC ID '%s' is not valid", vpcId);
        }
    }

    /** HTTP on an Application Load Balancer, TCP on a Network Load Balancer; the rest is refused or not done yet. */
    static void checkListenerProtocol(LoadBalancerRecord lb, @Nullable String protocol) {
        if (protocol == null) {
            throw Elbv2Errors.validation("A listener protocol must be specified");
        }
        if (lb.isApplication()) {
            if (protocol.equals("HTTPS")) {
                throw Elbv2Errors.notImplemented("HTTPS listeners");
            }
            if (!protocol.equals("HTTP")) {
                throw Elbv2Errors.error("UnsupportedProtocolException",
                        "Protocol '%s' is not supported by Application Load Balancers", protocol);
            }
        } else {
            if (protocol.equals("TLS") || protocol.equals("UDP") || protocol.equals("TCP_UDP") || protocol.startsWith("QUIC")
                    || protocol.equals("TCP_QUIC")) {
                throw Elbv2Errors.notImplemented(protocol + " listeners");
            }
            if (!protocol.equals("TCP")) {
                throw Elbv2Errors.error("UnsupportedProtocolException",
                        "Protocol '%s' is not supported by Network Load Balancers", protocol);
            }
        }
    }

    /** A Network Load Balancer forwards to one target group. */
    static void checkNetworkForward(LoadBalancerRecord lb, List<Action> actions) {
        if (!lb.isApplication() && Actions.targetGroups(actions).size() > 1) {
            throw Elbv2Errors.validation("A forward action of a Network Load Balancer can have only one target group");
        }
    }

    /** Certificates and SSL policies belong to HTTPS and TLS listeners, which Haneul does not have yet. */
    static void checkNoTls(boolean certificates, @Nullable String sslPolicy, @Nullable String protocol) {
        if ((certificates || sslPolicy != null) && !"HTTPS".equals(protocol) && !"TLS".equals(protocol)) {
            throw Elbv2Errors.validation("Certificates and SSL policies can be specified only for HTTPS and TLS listeners");
        }
    }
}
