package dev.haneul.elbv2.api;

import dev.haneul.core.http.HttpInspection;
import dev.haneul.core.resource.ResourceRegistry;
import dev.haneul.elbv2.dataplane.Elbv2DataPlane;
import java.util.HashSet;
import java.util.Set;

/**
 * Publishes each Application Load Balancer's {@link HttpInspection} hook in the server's
 * {@link ResourceRegistry} under its ARN, so WAF can attach a web ACL to it without importing this
 * service; withdraws it when the load balancer goes away. Called after every convergence of the
 * data plane (which keeps a load balancer's interceptor across configuration changes).
 */
final class InspectionHooks {

    private final ResourceRegistry registry;
    private final Elbv2DataPlane dataPlane;
    private final Set<String> published = new HashSet<>();

    InspectionHooks(ResourceRegistry registry, Elbv2DataPlane dataPlane) {
        this.registry = registry;
        this.dataPlane = dataPlane;
    }

    /** Publishes the hooks of {@code applicationLoadBalancers} not published yet, withdraws the others. */
    synchronized void sync(Set<String> applicationLoadBalancers) {
        for (String arn : Set.copyOf(published)) {
            if (!applicationLoadBalancers.contains(arn)) {
                published.remove(arn);
                registry.withdraw(arn, HttpInspection.class);
            }
        }
        for (String arn : applicationLoadBalancers) {
            if (published.add(arn)) {
                registry.publish(arn, HttpInspection.class, interceptor -> dataPlane.interceptor(arn, interceptor));
            }
        }
    }
}
