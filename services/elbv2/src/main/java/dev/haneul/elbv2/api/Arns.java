package dev.haneul.elbv2.api;

import dev.haneul.core.api.RequestContext;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * ELBv2's ARNs, in AWS's shapes:
 * <pre>
 *  loadbalancer/app/{name}/{16 hex}          loadbalancer/net/{name}/{16 hex}
 *  listener/app/{lb name}/{lb id}/{16 hex}   listener-rule/app/{lb name}/{lb id}/{listener id}/{16 hex}
 *  targetgroup/{name}/{16 hex}
 * </pre>
 */
final class Arns {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SERVICE = "elasticloadbalancing";

    private Arns() {}

    static String id() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String loadBalancer(RequestContext context, boolean application, String name) {
        return context.arn(SERVICE, "loadbalancer/" + (application ? "app" : "net") + "/" + name + "/" + id());
    }

    static String targetGroup(RequestContext context, String name) {
        return context.arn(SERVICE, "targetgroup/" + name + "/" + id());
    }

    /** A listener of {@code loadBalancerArn}. */
    static String listener(String loadBalancerArn) {
        return loadBalancerArn.replace(":loadbalancer/", ":listener/") + "/" + id();
    }

    /** A rule of {@code listenerArn}. */
    static String rule(String listenerArn) {
        return listenerArn.replace(":listener/", ":listener-rule/") + "/" + id();
    }

    /** The resource type of an ELBv2 ARN: {@code loadbalancer}, {@code listener}, {@code listener-rule}, {@code targetgroup}, or empty. */
    static String type(String arn) {
        String[] parts = arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals(SERVICE)) {
            return "";
        }
        int slash = parts[5].indexOf('/');
        return slash < 0 ? "" : parts[5].substring(0, slash);
    }

    /** The {@code app/name/id} or {@code net/name/id} part of a load balancer ARN. */
    static String loadBalancerPath(String arn) {
        int at = arn.indexOf(":loadbalancer/");
        return at < 0 ? arn : arn.substring(at + ":loadbalancer/".length());
    }
}
