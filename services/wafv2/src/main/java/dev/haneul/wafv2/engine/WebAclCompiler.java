package dev.haneul.wafv2.engine;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compiles web ACLs (and checks rule groups) from their AWS JSON form: the WebACL shape as GetWebACL
 * returns it ({@code Name}, {@code Id}, {@code ARN}, {@code DefaultAction}, {@code Rules},
 * {@code VisibilityConfig}, {@code CustomResponseBodies}, {@code TokenDomains},
 * {@code CaptchaConfig}, {@code ChallengeConfig}, ...). Throws {@link WafValidationException} for
 * what AWS rejects.
 */
public final class WebAclCompiler {

    private final ReferenceResolver resolver;
    private final ManagedRuleGroups managed;

    public WebAclCompiler(ReferenceResolver resolver, ManagedRuleGroups managed) {
        this.resolver = requireNonNull(resolver, "resolver");
        this.managed = requireNonNull(managed, "managed");
    }

    /** Compiles a web ACL; its listener is {@link InspectionListener#NONE} until {@link CompiledWebAcl#bind}. */
    public CompiledWebAcl compile(JsonNode webAcl) {
        return new CompiledWebAcl(webAcl.path("ARN").asText(""), capacity(webAcl.path("Rules")), "",
                InspectionListener.NONE);
    }

    /** The WCUs of a {@code Rules} array (CheckCapacity; a rule group's or web ACL's consumed capacity). */
    public long capacity(JsonNode rules) {
        return 0;
    }

    /**
     * Checks a rule group's JSON ({@code Name}, {@code Capacity}, {@code Rules},
     * {@code CustomResponseBodies}, {@code VisibilityConfig}) as CreateRuleGroup/UpdateRuleGroup do:
     * its rules must be valid and their WCUs within {@code Capacity}.
     */
    public void validateRuleGroup(JsonNode ruleGroup) {
        requireNonNull(ruleGroup, "ruleGroup");
    }

    ReferenceResolver resolver() {
        return resolver;
    }

    ManagedRuleGroups managed() {
        return managed;
    }
}
