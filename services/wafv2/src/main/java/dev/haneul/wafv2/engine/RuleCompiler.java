package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Compiles {@code Rules} arrays (a web ACL's or a rule group's): names, priorities, actions and
 * override actions, labels, custom responses, and the rule group statements.
 */
final class RuleCompiler {

    private static final Pattern METRIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern LABEL_PART = Pattern.compile("[0-9A-Za-z_\\-:]{1,1024}");
    static final long DEFAULT_IMMUNITY = 300;

    /** Where rules are compiled: their namespace, the custom bodies they may use, whether groups are allowed. */
    record Scope(String namespace, Map<String, Body> bodies, boolean inWebAcl, String ownerArn) {
    }

    /** A custom response body. */
    record Body(String contentType, byte[] content) {
    }

    private final ReferenceResolver resolver;
    private final ManagedRuleGroups managed;
    private final StatementCompiler statements;
    private final Capacity capacity;
    private final Map<String, RuleGroupProgram> managedPrograms = new HashMap<>();

    RuleCompiler(ReferenceResolver resolver, ManagedRuleGroups managed) {
        this(resolver, managed, false);
    }

    private RuleCompiler(ReferenceResolver resolver, ManagedRuleGroups managed, boolean trusted) {
        this.resolver = resolver;
        this.managed = managed;
        this.statements = new StatementCompiler(resolver, trusted);
        this.capacity = new Capacity(resolver, managed);
    }

    Capacity capacity() {
        return capacity;
    }

    List<Rule> rules(JsonNode rules, Scope scope) {
        if (rules != null && !rules.isMissingNode() && !rules.isNull() && !rules.isArray()) {
            throw new WafValidationException("RULE", "", "Rules must be a list");
        }
        List<Rule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        if (rules == null) {
            return out;
        }
        for (JsonNode rule : rules) {
            Rule compiled = rule(rule, scope);
            if (!names.add(compiled.name())) {
                throw new WafValidationException("RULE", compiled.name(), "rule names must be unique");
            }
            if (!priorities.add(compiled.priority())) {
                throw new WafValidationException("RULE", String.valueOf(compiled.priority()),
                        "rule priorities must be unique");
            }
            out.add(compiled);
        }
        out.sort(Comparator.comparingInt(Rule::priority));
        return out;
    }

    private Rule rule(JsonNode rule, Scope scope) {
        String name = rule.path("Name").asText("");
        if (name.isEmpty() || name.length() > 128) {
            throw new WafValidationException("RULE", name, "Name must be 1 to 128 characters");
        }
        JsonNode priorityNode = rule.path("Priority");
        if (!priorityNode.canConvertToInt() || priorityNode.asInt() < 0) {
            throw new WafValidationException("RULE", priorityNode.asText(""), "Priority must be a non-negative integer");
        }
        int priority = priorityNode.asInt();
        String metric = rule.path("VisibilityConfig").path("MetricName").asText(name);
        if (!METRIC_NAME.matcher(metric).matches()) {
            throw new WafValidationException("METRIC_NAME", metric, "MetricName must match [A-Za-z0-9_-]{1,255}");
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode label : rule.path("RuleLabels")) {
            String labelName = label.path("Name").asText("");
            if (!LABEL_PART.matcher(labelName).matches() || labelName.startsWith(":") || labelName.endsWith(":")) {
                throw new WafValidationException("RULE", labelName, "invalid label name");
            }
            labels.add(scope.namespace() + labelName);
        }
        JsonNode statement = rule.path("Statement");
        String type = StatementCompiler.statementType(statement);
        boolean groupStatement = type.equals("RuleGroupReferenceStatement") || type.equals("ManagedRuleGroupStatement");
        boolean hasAction = rule.hasNonNull("Action");
        boolean hasOverride = rule.hasNonNull("OverrideAction");
        long immunity = rule.path("CaptchaConfig").path("ImmunityTimeProperty").path("ImmunityTime").asLong(0);
        long challengeImmunity = rule.path("ChallengeConfig").path("ImmunityTimeProperty").path("ImmunityTime").asLong(0);
        if (groupStatement) {
            if (!scope.inWebAcl()) {
                throw new WafValidationException("STATEMENT", type, "a rule group cannot reference a rule group");
            }
            if (hasAction || !hasOverride) {
                throw new WafValidationException("OVERRIDE_ACTION", name,
                        "a rule group rule needs OverrideAction and no Action");
            }
            JsonNode override = rule.get("OverrideAction");
            boolean count = override.has("Count");
            if (!count && !override.has("None")) {
                throw new WafValidationException("OVERRIDE_ACTION", name, "OverrideAction must be None or Count");
            }
            Rule.GroupReference ref = group(type, statement.get(type), count, scope);
            return new Rule(name, priority, null, RuleAction.COUNT, ref, labels, metric, null);
        }
        if (hasOverride || !hasAction) {
            throw new WafValidationException("RULE_ACTION", name, "a rule needs an Action and no OverrideAction");
        }
        RuleAction action = action(rule.get("Action"), scope.bodies(), "RULE_ACTION",
                Math.max(immunity, challengeImmunity));
        Statement compiled = statements.compile(statement, name, true, 0);
        return new Rule(name, priority, compiled, action, null, labels, metric,
                compiled instanceof RateBasedStatement rb ? rb : null);
    }

    private Rule.GroupReference group(String type, JsonNode s, boolean overrideCount, Scope scope) {
        RuleGroupProgram program;
        if (type.equals("ManagedRuleGroupStatement")) {
            String vendor = s.path("VendorName").asText("");
            String name = s.path("Name").asText("");
            ManagedRuleGroupDefinition definition = managed.definition(vendor, name).orElseThrow(() ->
                    new WafValidationException("MANAGED_RULE_SET_STATEMENT", vendor + ":" + name,
                            "managed rule group not found (this engine implements the AWS groups listed by "
                                    + "ListAvailableManagedRuleGroups)"));
            String version = s.path("Version").asText("");
            if (!version.isEmpty() && definition.info().versions().stream().noneMatch(v -> v.name().equals(version))) {
                throw new WafValidationException("MANAGED_RULE_SET_STATEMENT", version, "version not found");
            }
            program = managedPrograms.computeIfAbsent(vendor + "#" + name, k -> managedProgram(definition));
        } else {
            String arn = s.path("ARN").asText("");
            JsonNode group = resolver.ruleGroup(arn).orElseThrow(() ->
                    new WafValidationException("RULE_GROUP_REFERENCE_STATEMENT", arn, "rule group not found"));
            program = ruleGroup(group, group.path("ARN").asText(arn));
        }
        Map<String, RuleAction> overrides = new HashMap<>();
        Set<String> ruleNames = new HashSet<>();
        for (Rule r : program.rules()) {
            ruleNames.add(r.name());
        }
        for (JsonNode excluded : s.path("ExcludedRules")) {
            overrides.put(excluded.path("Name").asText(""), RuleAction.COUNT);
        }
        for (JsonNode o : s.path("RuleActionOverrides")) {
            String ruleName = o.path("Name").asText("");
            overrides.put(ruleName, action(o.path("ActionToUse"), scope.bodies(), "RULE_ACTION", 0));
        }
        if (!program.managed()) {
            for (String ruleName : overrides.keySet()) {
                if (!ruleNames.contains(ruleName)) {
                    // AWS ignores unknown names for managed groups, rejects them for customer groups.
                    throw new WafValidationException("EXCLUDED_RULE", ruleName, "no rule of that name in the rule group");
                }
            }
        }
        JsonNode scopeDownNode = s.get("ScopeDownStatement");
        Statement scopeDown = null;
        if (scopeDownNode != null && !scopeDownNode.isNull()) {
            if (!type.equals("ManagedRuleGroupStatement")) {
                throw new WafValidationException("SCOPE_DOWN", "", "only managed rule group statements take a scope-down");
            }
            scopeDown = statements.compile(scopeDownNode, "", false, 1);
        }
        return new Rule.GroupReference(program, overrideCount, overrides, scopeDown);
    }

    private RuleGroupProgram managedProgram(ManagedRuleGroupDefinition definition) {
        ManagedRuleGroupInfo info = definition.info();
        ReferenceResolver internal = new ReferenceResolver() {
            @Override
            public Optional<JsonNode> ipSet(String arn) {
                List<String> addresses = definition.ipSets().get(arn);
                if (addresses == null) {
                    return Optional.empty();
                }
                var node = Json.MAPPER.createObjectNode();
                var list = node.putArray("Addresses");
                addresses.forEach(list::add);
                return Optional.of(node);
            }

            @Override
            public Optional<JsonNode> regexPatternSet(String arn) {
                return Optional.empty();
            }

            @Override
            public Optional<JsonNode> ruleGroup(String arn) {
                return Optional.empty();
            }
        };
        RuleCompiler inner = new RuleCompiler(internal, managed, true);
        List<Rule> rules = inner.rules(definition.rules(), new Scope(info.labelNamespace(), Map.of(), false, ""));
        return new RuleGroupProgram(info.vendorName() + "#" + info.name(), true, info.labelNamespace(), rules,
                info.capacity());
    }

    /** Compiles a customer rule group's JSON ({@code Name}, {@code ARN}, {@code Rules}, {@code CustomResponseBodies}). */
    RuleGroupProgram ruleGroup(JsonNode group, String arn) {
        String namespace = group.path("LabelNamespace").asText("");
        if (namespace.isEmpty()) {
            namespace = "awswaf:" + account(arn) + ":rulegroup:" + group.path("Name").asText("") + ":";
        }
        Map<String, Body> bodies = bodies(group.path("CustomResponseBodies"));
        List<Rule> rules = rules(group.path("Rules"), new Scope(namespace, bodies, false, arn));
        return new RuleGroupProgram(arn, false, namespace, rules, group.path("Capacity").asLong(0));
    }

    static String account(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 4 ? parts[4] : "";
    }

    static Map<String, Body> bodies(JsonNode bodies) {
        Map<String, Body> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : bodies.properties()) {
            String type = e.getValue().path("ContentType").asText("");
            String mime = switch (type) {
                case "TEXT_PLAIN" -> "text/plain";
                case "TEXT_HTML" -> "text/html";
                case "APPLICATION_JSON" -> "application/json";
                default -> throw new WafValidationException("RESPONSE_CONTENT_TYPE", type,
                        "ContentType must be TEXT_PLAIN, TEXT_HTML or APPLICATION_JSON");
            };
            String content = e.getValue().path("Content").asText("");
            if (content.isEmpty() || content.length() > 10_240) {
                throw new WafValidationException("CUSTOM_RESPONSE_BODY", e.getKey(), "Content must be 1 to 10240 characters");
            }
            out.put(e.getKey(), new Body(mime, content.getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** A RuleAction / DefaultAction / ActionToUse. */
    static RuleAction action(JsonNode node, Map<String, Body> bodies, String field, long immunity) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new WafValidationException(field, "", "exactly one action must be specified");
        }
        String type = node.fieldNames().next();
        JsonNode spec = node.get(type);
        List<String> insert = insertHeaders(spec.path("CustomRequestHandling"));
        return switch (type) {
            case "Allow" -> new RuleAction(RuleAction.Type.ALLOW, insert, null, 0);
            case "Count" -> new RuleAction(RuleAction.Type.COUNT, insert, null, 0);
            case "Captcha" -> new RuleAction(RuleAction.Type.CAPTCHA, insert, null, immunity);
            case "Challenge" -> new RuleAction(RuleAction.Type.CHALLENGE, insert, null, immunity);
            case "Block" -> new RuleAction(RuleAction.Type.BLOCK, List.of(), customResponse(spec.path("CustomResponse"),
                    bodies), 0);
            default -> throw new WafValidationException(field, type, "unknown action");
        };
    }

    private static List<String> insertHeaders(JsonNode handling) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : handling.path("InsertHeaders")) {
            String name = h.path("Name").asText("");
            if (name.isEmpty() || name.length() > 64 || !name.matches("[A-Za-z0-9._$-]+")) {
                throw new WafValidationException("CUSTOM_REQUEST_HANDLING", name, "invalid header name");
            }
            out.add("x-amzn-waf-" + name);
            out.add(h.path("Value").asText("").replace("\r", "").replace("\n", ""));
        }
        return out;
    }

    private static RuleAction.@Nullable CustomResponse customResponse(JsonNode response, Map<String, Body> bodies) {
        if (response.isMissingNode() || response.isNull()) {
            return null;
        }
        int code = response.path("ResponseCode").asInt(0);
        if (code < 200 || code > 599) {
            throw new WafValidationException("CUSTOM_RESPONSE", String.valueOf(code), "ResponseCode must be 200 to 599");
        }
        List<String> headers = new ArrayList<>();
        for (JsonNode h : response.path("ResponseHeaders")) {
            String name = h.path("Name").asText("");
            if (name.isEmpty() || name.equalsIgnoreCase("content-type") || !name.matches("[A-Za-z0-9._$-]+")) {
                throw new WafValidationException("CUSTOM_RESPONSE", name, "invalid response header name");
            }
            headers.add(name);
            headers.add(h.path("Value").asText("").replace("\r", "").replace("\n", ""));
        }
        String key = response.path("CustomResponseBodyKey").asText("");
        byte[] body = new byte[0];
        String contentType = null;
        if (!key.isEmpty()) {
            Body b = bodies.get(key);
            if (b == null) {
                throw new WafValidationException("CUSTOM_RESPONSE_BODY", key, "no custom response body with that key");
            }
            body = b.content();
            contentType = b.contentType();
        }
        return new RuleAction.CustomResponse(code, headers, body, contentType);
    }
}
