package dev.haneul.wafv2.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Compiles web ACLs (and checks rule groups) from their AWS JSON form: the WebACL shape as GetWebACL
 * returns it ({@code Name}, {@code Id}, {@code ARN}, {@code DefaultAction}, {@code Rules},
 * {@code VisibilityConfig}, {@code CustomResponseBodies}, {@code TokenDomains},
 * {@code CaptchaConfig}, {@code ChallengeConfig}, ...). Throws {@link WafValidationException} for
 * what AWS rejects. Blobs are as on the wire: a ByteMatch {@code SearchString} is base64.
 */
public final class WebAclCompiler {

    /** AWS's WCU limits: a web ACL (the maximum; 1,500 is what the base price includes) and a rule group. */
    public static final long MAX_WEB_ACL_CAPACITY = 5000;
    public static final long MAX_RULE_GROUP_CAPACITY = 5000;

    private final ReferenceResolver resolver;
    private final ManagedRuleGroups managed;

    public WebAclCompiler(ReferenceResolver resolver, ManagedRuleGroups managed) {
        this.resolver = requireNonNull(resolver, "resolver");
        this.managed = requireNonNull(managed, "managed");
    }

    /** Compiles a web ACL; its listener is {@link InspectionListener#NONE} until {@link CompiledWebAcl#bind}. */
    public CompiledWebAcl compile(JsonNode webAcl) {
        String arn = webAcl.path("ARN").asText("");
        String name = webAcl.path("Name").asText("");
        String namespace = webAcl.path("LabelNamespace").asText("");
        if (namespace.isEmpty()) {
            namespace = "awswaf:" + RuleCompiler.account(arn) + ":webacl:" + name + ":";
        }
        RuleCompiler rules = new RuleCompiler(resolver, managed);
        Map<String, RuleCompiler.Body> bodies = RuleCompiler.bodies(webAcl.path("CustomResponseBodies"));
        List<Rule> compiled = rules.rules(webAcl.path("Rules"), new RuleCompiler.Scope(namespace, bodies, true, arn));
        long capacity = rules.capacity().rules(webAcl.path("Rules"));
        if (capacity > MAX_WEB_ACL_CAPACITY) {
            throw new WafValidationException("WEB_ACL", String.valueOf(capacity),
                    "the web ACL's rules use " + capacity + " WCUs; the limit is " + MAX_WEB_ACL_CAPACITY);
        }
        JsonNode defaultNode = webAcl.path("DefaultAction");
        RuleAction defaultAction = defaultNode.isMissingNode() ? RuleAction.ALLOW
                : RuleCompiler.action(defaultNode, bodies, "DEFAULT_ACTION", 0);
        if (defaultAction.type() != RuleAction.Type.ALLOW && defaultAction.type() != RuleAction.Type.BLOCK) {
            throw new WafValidationException("DEFAULT_ACTION", defaultAction.type().name(),
                    "the default action must be Allow or Block");
        }
        RuleRunner.TokenPolicy tokens = new RuleRunner.TokenPolicy(
                webAcl.path("CaptchaConfig").path("ImmunityTimeProperty").path("ImmunityTime")
                        .asLong(RuleCompiler.DEFAULT_IMMUNITY),
                webAcl.path("ChallengeConfig").path("ImmunityTimeProperty").path("ImmunityTime")
                        .asLong(RuleCompiler.DEFAULT_IMMUNITY));
        String metric = webAcl.path("VisibilityConfig").path("MetricName").asText(name);
        WebAclProgram program = new WebAclProgram(arn, namespace, capacity, compiled, defaultAction, tokens,
                inspectsBody(webAcl.path("Rules")), metric);
        return new CompiledWebAcl(program, "", InspectionListener.NONE);
    }

    /** The WCUs of a {@code Rules} array (CheckCapacity; a rule group's or web ACL's consumed capacity). */
    public long capacity(JsonNode rules) {
        return new Capacity(resolver, managed).rules(rules);
    }

    /**
     * Checks a rule group's JSON ({@code Name}, {@code ARN}, {@code Capacity}, {@code Rules},
     * {@code CustomResponseBodies}, {@code VisibilityConfig}) as CreateRuleGroup/UpdateRuleGroup do:
     * its rules must be valid (no rule group statements inside) and their WCUs within {@code Capacity}.
     */
    public void validateRuleGroup(JsonNode ruleGroup) {
        long declared = ruleGroup.path("Capacity").asLong(-1);
        if (declared < 1 || declared > MAX_RULE_GROUP_CAPACITY) {
            throw new WafValidationException("RULE_GROUP", String.valueOf(declared),
                    "Capacity must be between 1 and " + MAX_RULE_GROUP_CAPACITY);
        }
        new RuleCompiler(resolver, managed).ruleGroup(ruleGroup, ruleGroup.path("ARN").asText(""));
        long used = capacity(ruleGroup.path("Rules"));
        if (used > declared) {
            throw new WafValidationException("RULE_GROUP", String.valueOf(used),
                    "the rules use " + used + " WCUs, more than the rule group's capacity " + declared);
        }
    }

    /** Whether any statement looks at the body (else the load balancer need not hold it back). */
    private boolean inspectsBody(JsonNode rules) {
        String text = rules.toString();
        return text.contains("\"Body\"") || text.contains("\"JsonBody\"") || text.contains("ManagedRuleGroupStatement")
                || text.contains("RuleGroupReferenceStatement");
    }
}
