package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Compiles the nestable {@code Statement} JSON into {@link Statement}s, with AWS's validation.
 * Rule group statements (RuleGroupReference, ManagedRuleGroup) and RateBased are top-level only:
 * {@link RuleCompiler} handles the first two; RateBased comes here with {@code topLevel}.
 */
final class StatementCompiler {

    private static final Set<String> RATE_WINDOWS = Set.of("60", "120", "300", "600");
    private static final int MAX_SEARCH_STRING = 200;
    private static final int MAX_DEPTH = 20;

    private final ReferenceResolver resolver;
    /** Compiling AWS's own managed rules: AWS's customer limits (regex length) do not apply. */
    private final boolean trusted;

    StatementCompiler(ReferenceResolver resolver, boolean trusted) {
        this.resolver = resolver;
        this.trusted = trusted;
    }

    static String statementType(JsonNode statement) {
        if (statement == null || !statement.isObject() || statement.size() != 1) {
            throw new WafValidationException("STATEMENT", "", "a statement must have exactly one statement type");
        }
        return statement.fieldNames().next();
    }

    Statement compile(JsonNode statement, String ruleName, boolean topLevel, int depth) {
        if (depth > MAX_DEPTH) {
            throw new WafValidationException("STATEMENT", "", "statements are nested too deeply");
        }
        String type = statementType(statement);
        JsonNode s = statement.get(type);
        return switch (type) {
            case "ByteMatchStatement" -> byteMatch(s);
            case "RegexMatchStatement" -> {
                String regex = s.path("RegexString").asText("");
                if (regex.isEmpty() || regex.length() > 512 && !trusted) {
                    throw new WafValidationException("STATEMENT", regex, "RegexString must be 1 to 512 characters");
                }
                yield new RegexMatchStatement(FieldCompiler.field(s.get("FieldToMatch")),
                        FieldCompiler.transforms(s.get("TextTransformations"), true), List.of(regex(regex)));
            }
            case "RegexPatternSetReferenceStatement" -> {
                String arn = s.path("ARN").asText("");
                JsonNode set = resolver.regexPatternSet(arn).orElseThrow(() ->
                        new WafValidationException("REGEX_PATTERN_REFERENCE_STATEMENT", arn, "regex pattern set not found"));
                List<Pattern> patterns = new ArrayList<>();
                for (JsonNode r : set.path("RegularExpressionList")) {
                    patterns.add(regex(r.path("RegexString").asText(r.asText(""))));
                }
                yield new RegexMatchStatement(FieldCompiler.field(s.get("FieldToMatch")),
                        FieldCompiler.transforms(s.get("TextTransformations"), true), patterns);
            }
            case "SqliMatchStatement" -> {
                String level = s.path("SensitivityLevel").asText("LOW");
                if (!level.equals("LOW") && !level.equals("HIGH")) {
                    throw new WafValidationException("SQLI_MATCH_STATEMENT", level, "SensitivityLevel must be LOW or HIGH");
                }
                yield new SqliMatchStatement(FieldCompiler.field(s.get("FieldToMatch")),
                        FieldCompiler.transforms(s.get("TextTransformations"), true), level.equals("HIGH"));
            }
            case "XssMatchStatement" -> new XssMatchStatement(FieldCompiler.field(s.get("FieldToMatch")),
                    FieldCompiler.transforms(s.get("TextTransformations"), true));
            case "SizeConstraintStatement" -> {
                String op = s.path("ComparisonOperator").asText("");
                SizeConstraintStatement.Operator operator;
                try {
                    operator = SizeConstraintStatement.Operator.valueOf(op);
                } catch (IllegalArgumentException e) {
                    throw new WafValidationException("SIZE_CONSTRAINT_STATEMENT", op, "invalid ComparisonOperator");
                }
                long size = s.path("Size").asLong(-1);
                if (size < 0 || size > 21_474_836_480L) {
                    throw new WafValidationException("SIZE_CONSTRAINT_STATEMENT", String.valueOf(size),
                            "Size must be between 0 and 21474836480");
                }
                yield new SizeConstraintStatement(FieldCompiler.field(s.get("FieldToMatch")),
                        FieldCompiler.transforms(s.get("TextTransformations"), true), operator, size);
            }
            case "GeoMatchStatement" -> {
                Set<String> countries = new HashSet<>();
                for (JsonNode c : s.path("CountryCodes")) {
                    String code = c.asText("");
                    if (code.length() != 2 || !code.equals(code.toUpperCase(Locale.ROOT))) {
                        throw new WafValidationException("GEO_MATCH_STATEMENT", code, "invalid country code");
                    }
                    countries.add(code);
                }
                if (countries.isEmpty()) {
                    throw new WafValidationException("GEO_MATCH_STATEMENT", "", "CountryCodes must not be empty");
                }
                yield new GeoMatchStatement(countries, forwarded(s.get("ForwardedIPConfig"), false));
            }
            case "IPSetReferenceStatement" -> {
                String arn = s.path("ARN").asText("");
                JsonNode set = resolver.ipSet(arn).orElseThrow(() ->
                        new WafValidationException("IP_SET_REFERENCE_STATEMENT", arn, "IP set not found"));
                List<String> addresses = new ArrayList<>();
                for (JsonNode a : set.path("Addresses")) {
                    addresses.add(a.asText());
                }
                yield new IpSetStatement(IpSetMatcher.of(addresses), forwarded(s.get("IPSetForwardedIPConfig"), true));
            }
            case "LabelMatchStatement" -> {
                String scope = s.path("Scope").asText("");
                String key = s.path("Key").asText("");
                if (!scope.equals("LABEL") && !scope.equals("NAMESPACE")) {
                    throw new WafValidationException("LABEL_MATCH_STATEMENT", scope, "Scope must be LABEL or NAMESPACE");
                }
                if (key.isEmpty() || key.length() > 1024) {
                    throw new WafValidationException("LABEL_MATCH_STATEMENT", key, "Key must be 1 to 1024 characters");
                }
                yield new LabelMatchStatement(scope.equals("NAMESPACE"), key);
            }
            case "AndStatement", "OrStatement" -> {
                JsonNode list = s.path("Statements");
                if (list.size() < 2) {
                    throw new WafValidationException(type.equals("AndStatement") ? "AND_STATEMENT" : "OR_STATEMENT", "",
                            "at least two statements are required");
                }
                List<Statement> children = new ArrayList<>();
                for (JsonNode child : list) {
                    children.add(compile(child, ruleName, false, depth + 1));
                }
                yield new LogicalStatement(type.equals("AndStatement") ? LogicalStatement.Op.AND : LogicalStatement.Op.OR,
                        children);
            }
            case "NotStatement" -> new LogicalStatement(LogicalStatement.Op.NOT,
                    List.of(compile(s.path("Statement"), ruleName, false, depth + 1)));
            case "RateBasedStatement" -> {
                if (!topLevel) {
                    throw new WafValidationException("RATE_BASED_STATEMENT", "", "a rate-based statement cannot be nested");
                }
                yield rateBased(s, ruleName, depth);
            }
            case "RuleGroupReferenceStatement", "ManagedRuleGroupStatement" -> throw new WafValidationException(
                    type.equals("ManagedRuleGroupStatement") ? "MANAGED_RULE_SET_STATEMENT" : "RULE_GROUP_REFERENCE_STATEMENT",
                    "", "a rule group statement cannot be nested");
            case "AsnMatchStatement" -> throw new WafValidationException("STATEMENT", type,
                    "AsnMatchStatement is not supported here: there are no autonomous systems on loopback");
            default -> throw new WafValidationException("STATEMENT", type, "unknown statement type");
        };
    }

    private static Statement byteMatch(JsonNode s) {
        String encoded = s.path("SearchString").asText("");
        byte[] search;
        try {
            search = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new WafValidationException("BYTE_MATCH_STATEMENT", encoded, "SearchString must be base64-encoded");
        }
        if (search.length == 0 || search.length > MAX_SEARCH_STRING) {
            throw new WafValidationException("BYTE_MATCH_STATEMENT", "", "SearchString must be 1 to 200 bytes");
        }
        String position = s.path("PositionalConstraint").asText("");
        ByteMatchStatement.Position p;
        try {
            p = ByteMatchStatement.Position.valueOf(position);
        } catch (IllegalArgumentException e) {
            throw new WafValidationException("BYTE_MATCH_STATEMENT", position, "invalid PositionalConstraint");
        }
        String text = new String(search, StandardCharsets.ISO_8859_1);
        if (p == ByteMatchStatement.Position.CONTAINS_WORD) {
            for (int i = 0; i < text.length(); i++) {
                if (!ByteMatchStatement.isWordChar(text.charAt(i))) {
                    throw new WafValidationException("BYTE_MATCH_STATEMENT", text,
                            "CONTAINS_WORD needs a SearchString of letters, digits and underscores");
                }
            }
        }
        return new ByteMatchStatement(FieldCompiler.field(s.get("FieldToMatch")),
                FieldCompiler.transforms(s.get("TextTransformations"), true), text, p);
    }

    static Pattern regex(String regex) {
        try {
            return Pattern.compile(regex, Pattern.DOTALL);
        } catch (PatternSyntaxException | StackOverflowError e) {
            throw new WafValidationException("STATEMENT", regex, "invalid regular expression");
        }
    }

    static @Nullable ForwardedIpConfig forwarded(@Nullable JsonNode config, boolean ipSet) {
        if (config == null || config.isNull() || config.isMissingNode()) {
            return null;
        }
        String header = config.path("HeaderName").asText("");
        if (header.isEmpty() || header.length() > 255) {
            throw new WafValidationException("HEADER_NAME", header, "HeaderName must be 1 to 255 characters");
        }
        String fallback = config.path("FallbackBehavior").asText("");
        if (!fallback.equals("MATCH") && !fallback.equals("NO_MATCH")) {
            throw new WafValidationException("FALLBACK_BEHAVIOR", fallback, "FallbackBehavior must be MATCH or NO_MATCH");
        }
        String position = "FIRST";
        if (ipSet) {
            position = config.path("Position").asText("");
            if (!Set.of("FIRST", "LAST", "ANY").contains(position)) {
                throw new WafValidationException("POSITION", position, "Position must be FIRST, LAST or ANY");
            }
        }
        return new ForwardedIpConfig(header, fallback.equals("MATCH"), position);
    }

    private RateBasedStatement rateBased(JsonNode s, String ruleName, int depth) {
        long limit = s.path("Limit").asLong(-1);
        if (limit < 10 || limit > 2_000_000_000L) {
            throw new WafValidationException("RATE_BASED_STATEMENT", String.valueOf(limit),
                    "Limit must be between 10 and 2000000000");
        }
        String window = s.path("EvaluationWindowSec").asText("300");
        if (!RATE_WINDOWS.contains(window)) {
            throw new WafValidationException("RATE_BASED_STATEMENT", window, "EvaluationWindowSec must be 60, 120, 300 or 600");
        }
        String keyType = s.path("AggregateKeyType").asText("");
        if (!Set.of("IP", "FORWARDED_IP", "CUSTOM_KEYS", "CONSTANT").contains(keyType)) {
            throw new WafValidationException("RATE_BASED_STATEMENT", keyType, "invalid AggregateKeyType");
        }
        JsonNode scopeNode = s.get("ScopeDownStatement");
        Statement scopeDown = scopeNode == null || scopeNode.isNull() ? null : compile(scopeNode, ruleName, false, depth + 1);
        if (keyType.equals("CONSTANT") && scopeDown == null) {
            throw new WafValidationException("SCOPE_DOWN", "", "a CONSTANT aggregate key needs a ScopeDownStatement");
        }
        ForwardedIpConfig forwarded = forwarded(s.get("ForwardedIPConfig"), false);
        List<RateBasedStatement.KeyPart> keys = new ArrayList<>();
        boolean needsForwarded = keyType.equals("FORWARDED_IP");
        if (keyType.equals("CUSTOM_KEYS")) {
            JsonNode list = s.path("CustomKeys");
            if (list.isEmpty() || list.size() > 5) {
                throw new WafValidationException("CUSTOM_KEYS", "", "between 1 and 5 custom keys are required");
            }
            boolean ipOnly = true;
            for (JsonNode key : list) {
                RateBasedStatement.KeyPart part = keyPart(key);
                keys.add(part);
                ipOnly &= part.type().equals("IP") || part.type().equals("ForwardedIP");
                needsForwarded |= part.type().equals("ForwardedIP");
            }
            if (ipOnly && keys.size() == 1) {
                throw new WafValidationException("CUSTOM_KEYS", keys.get(0).type(),
                        "IP or ForwardedIP as the only custom key: use AggregateKeyType IP or FORWARDED_IP");
            }
        }
        if (needsForwarded && forwarded == null) {
            throw new WafValidationException("FORWARDED_IP_CONFIG", "", "ForwardedIPConfig is required for forwarded IPs");
        }
        return new RateBasedStatement(ruleName, limit, Integer.parseInt(window), keyType, scopeDown, forwarded, keys);
    }

    private static RateBasedStatement.KeyPart keyPart(JsonNode key) {
        if (!key.isObject() || key.size() != 1) {
            throw new WafValidationException("CUSTOM_KEYS", "", "each custom key has exactly one type");
        }
        String type = key.fieldNames().next();
        JsonNode spec = key.get(type);
        Transforms transforms = FieldCompiler.transforms(spec.get("TextTransformations"), false);
        String name = spec.path("Name").asText("");
        return switch (type) {
            case "IP", "ForwardedIP", "HTTPMethod" -> new RateBasedStatement.KeyPart(type, "", null, Transforms.of(List.of()));
            case "LabelNamespace" -> new RateBasedStatement.KeyPart(type, spec.path("Namespace").asText(""), null,
                    Transforms.of(List.of()));
            case "Header" -> new RateBasedStatement.KeyPart(type, name,
                    FieldCompiler.field(json("{\"SingleHeader\":{\"Name\":" + quote(name) + "}}")), transforms);
            case "QueryArgument" -> new RateBasedStatement.KeyPart(type, name,
                    FieldCompiler.field(json("{\"SingleQueryArgument\":{\"Name\":" + quote(name) + "}}")), transforms);
            case "Cookie" -> new RateBasedStatement.KeyPart(type, name, FieldCompiler.field(json(
                    "{\"Cookies\":{\"MatchPattern\":{\"IncludedCookies\":[" + quote(name)
                            + "]},\"MatchScope\":\"VALUE\",\"OversizeHandling\":\"CONTINUE\"}}")), transforms);
            case "QueryString" -> new RateBasedStatement.KeyPart(type, "", FieldToMatch.simple(FieldToMatch.Kind.QUERY_STRING),
                    transforms);
            case "UriPath" -> new RateBasedStatement.KeyPart(type, "", FieldToMatch.simple(FieldToMatch.Kind.URI_PATH),
                    transforms);
            default -> throw new WafValidationException("CUSTOM_KEYS", type,
                    "custom key " + type + " is not supported here (no TLS fingerprints or ASNs on loopback)");
        };
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String s) {
        return Json.MAPPER.getNodeFactory().textNode(s).toString();
    }
}
