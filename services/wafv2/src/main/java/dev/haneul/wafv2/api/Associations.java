package dev.haneul.wafv2.api;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Arn;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AssociateWebACL, DisassociateWebACL, GetWebACLForResource and ListResourcesForWebACL, for
 * Application Load Balancers (the resources whose {@code HttpInspection} hook is published). A
 * {@code CLOUDFRONT} web ACL is not associated this way (a distribution names it in its
 * configuration), and a resource has at most one web ACL: associating another replaces it.
 */
final class Associations {

    private final ScopedStore<WafState> store;
    private final ResourceOperations resources;
    private final AclDeployment deployment;
    private final Object lock;

    Associations(ScopedStore<WafState> store, ResourceOperations resources, AclDeployment deployment, Object lock) {
        this.store = store;
        this.resources = resources;
        this.deployment = deployment;
        this.lock = lock;
    }

    Map<String, Object> associate(RequestContext context, Map<String, Object> input) {
        String aclArn = String.valueOf(input.get("WebACLArn"));
        String resourceArn = checkedResource(context, input);
        Scope scope = WafScopes.of(context);
        synchronized (lock) {
            WafResource acl = resources.webAcl(scope, aclArn);
            if (!acl.wafScope().equals(WafScopes.REGIONAL)) {
                throw WafErrors.invalidParameter("RESOURCE_ARN", resourceArn,
                        "A web ACL of scope CLOUDFRONT is associated through the distribution's configuration, not with"
                                + " AssociateWebACL");
            }
            if (!deployment.exists(resourceArn)) {
                throw WafErrors.nonexistent();
            }
            store.write(scope, state -> state.associations().put(resourceArn, acl.arn()));
        }
        deployment.sync();
        return Map.of();
    }

    Map<String, Object> disassociate(RequestContext context, Map<String, Object> input) {
        String resourceArn = checkedResource(context, input);
        synchronized (lock) {
            store.write(WafScopes.of(context), state -> state.associations().remove(resourceArn));
        }
        deployment.sync();
        return Map.of();
    }

    Map<String, Object> webAclForResource(RequestContext context, Map<String, Object> input) {
        String resourceArn = checkedResource(context, input);
        Scope scope = WafScopes.of(context);
        String aclArn = store.read(scope, state -> state.associations().get(resourceArn));
        if (aclArn == null) {
            if (!deployment.exists(resourceArn)) {
                throw WafErrors.nonexistent();
            }
            return Map.of();
        }
        WafResource acl = resources.byArn(scope, aclArn).orElseThrow(WafErrors::nonexistent);
        return Map.of("WebACL", WafJson.toTree("WebACL", acl.spec()));
    }

    Map<String, Object> resourcesForWebAcl(RequestContext context, Map<String, Object> input) {
        String aclArn = String.valueOf(input.get("WebACLArn"));
        Scope scope = WafScopes.of(context);
        resources.webAcl(scope, aclArn);
        String type = input.get("ResourceType") instanceof String t ? t : "APPLICATION_LOAD_BALANCER";
        List<Object> arns = new ArrayList<>();
        if (type.equals("APPLICATION_LOAD_BALANCER")) {
            store.read(scope, state -> {
                state.associations().forEach((resource, acl) -> {
                    if (acl.equals(aclArn)) {
                        arns.add(resource);
                    }
                });
                return null;
            });
        }
        return Map.of("ResourceArns", arns);
    }

    /**
     * The request's {@code ResourceArn}: an ARN, of a resource WAF can guard here (an Application
     * Load Balancer of the caller's account and region).
     */
    private static String checkedResource(RequestContext context, Map<String, Object> input) {
        String arn = String.valueOf(input.get("ResourceArn"));
        Arn parsed = Arn.parse(arn).orElseThrow(() -> WafErrors.invalidParameter("RESOURCE_ARN", arn,
                "The ARN isn't valid. A valid ARN begins with arn: and includes other information separated by colons or"
                        + " slashes."));
        if (!parsed.service().equals("elasticloadbalancing") || !parsed.resource().startsWith("loadbalancer/app/")) {
            throw WafErrors.invalidParameter("RESOURCE_ARN", arn,
                    "Haneul's WAF guards Application Load Balancers (loadbalancer/app/...) only");
        }
        if (!parsed.isIn(WafScopes.of(context))) {
            throw WafErrors.nonexistent();
        }
        return arn;
    }
}
