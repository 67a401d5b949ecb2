package dev.haneul.wafv2.api;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Arn;
import dev.haneul.core.state.Scope;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * WAF's two scopes and its ARNs: {@code REGIONAL} resources (for load balancers) live in the
 * caller's region, {@code CLOUDFRONT} ones only in us-east-1 and carry {@code global} in their ARN:
 * {@code arn:aws:wafv2:<region>:<account>:regional|global/<type>/<name>/<id>}.
 */
final class WafScopes {

    static final String REGIONAL = "REGIONAL";
    static final String CLOUDFRONT = "CLOUDFRONT";

    private WafScopes() {}

    /** The caller's WAF scope from the request's {@code Scope}, refusing CLOUDFRONT outside us-east-1. */
    static String check(RequestContext context, @Nullable Object scope) {
        String value = String.valueOf(scope);
        if (CLOUDFRONT.equals(value) && !"us-east-1".equals(context.region())) {
            throw WafErrors.invalidParameter("SCOPE_VALUE", value,
                    "The scope is not valid. CLOUDFRONT scope is only available in the us-east-1 Region");
        }
        return value;
    }

    static Scope of(RequestContext context) {
        return new Scope(context.accountId(), context.region());
    }

    static String arn(RequestContext context, String wafScope, ResourceKind kind, String name, String id) {
        return "arn:aws:wafv2:" + context.region() + ":" + context.accountId() + ":"
                + (CLOUDFRONT.equals(wafScope) ? "global" : "regional") + "/" + kind.arnSegment + "/" + name + "/" + id;
    }

    /** The account and region a WAF ARN belongs to, if it is one. */
    static Optional<Scope> scopeOfArn(String arn) {
        return Arn.parse(arn).filter(a -> a.service().equals("wafv2") && !a.region().isEmpty() && !a.account().isEmpty())
                .map(a -> new Scope(a.account(), a.region()));
    }
}
