package dev.haneul.elbv2.api;

import dev.haneul.core.resource.Arn;
import dev.haneul.core.state.Scope;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * ELBv2's ARNs, in AWS's shapes, built and read with the kit's {@link Arn}:
 * <pre>
 *  loadbalancer/app/{name}/{16 hex}          loadbalancer/net/{name}/{16 hex}
 *  listener/app/{lb name}/{lb id}/{16 hex}   listener-rule/app/{lb name}/{lb id}/{listener id}/{16 hex}
 *  targetgroup/{name}/{16 hex}
 * </pre>
 * A listener's ARN is its load balancer's with the type changed and an id appended; a rule's is
 * its listener's likewise.
 */
final class Arns {

    static final String SERVICE = "elasticloadbalancing";
    static final String LOAD_BALANCER = "loadbalancer";
    static final String LISTENER = "listener";
    static final String RULE = "listener-rule";
    static final String TARGET_GROUP = "targetgroup";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Arns() {}

    static String id() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String loadBalancer(Scope scope, boolean application, String name) {
        return Arn.of(SERVICE, scope, LOAD_BALANCER, '/', (application ? "app" : "net") + "/" + name + "/" + id())
                .toString();
    }

    static String targetGroup(Scope scope, String name) {
        return Arn.of(SERVICE, scope, TARGET_GROUP, '/', name + "/" + id()).toString();
    }

    /** A listener of {@code loadBalancerArn}. */
    static String listener(String loadBalancerArn) {
        return child(loadBalancerArn, LISTENER);
    }

    /** A rule of {@code listenerArn}. */
    static String rule(String listenerArn) {
        return child(listenerArn, RULE);
    }

    private static String child(String parentArn, String type) {
        Arn parent = Arn.parse(parentArn)
                .orElseThrow(() -> new IllegalArgumentException("parentArn: " + parentArn + " (expected: an ARN)"));
        return new Arn(parent.partition(), parent.service(), parent.region(), parent.account(),
                type + "/" + parent.resourceId() + "/" + id()).toString();
    }

    /** The resource type of an ELBv2 ARN: {@code loadbalancer}, {@code listener}, {@code listener-rule}, {@code targetgroup}, or empty. */
    static String type(String arn) {
        return Arn.parse(arn).filter(a -> a.service().equals(SERVICE)).map(Arn::resourceType).orElse("");
    }

    /** The region of an ARN Haneul made (empty when it is not an ARN). */
    static String region(String arn) {
        return Arn.parse(arn).map(Arn::region).orElse("");
    }
}
