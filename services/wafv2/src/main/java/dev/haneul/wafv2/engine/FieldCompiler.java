package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haneul.wafv2.engine.transform.TextTransformation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Compiles {@code FieldToMatch} and {@code TextTransformations} JSON, with AWS's validation. */
final class FieldCompiler {

    /** AWS's quota of text transformations per statement. */
    static final int MAX_TRANSFORMATIONS = 10;

    private FieldCompiler() {
    }

    static FieldToMatch field(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new WafValidationException("FIELD_TO_MATCH", "", "exactly one component must be specified");
        }
        String type = node.fieldNames().next();
        JsonNode spec = node.get(type);
        return switch (type) {
            case "UriPath" -> FieldToMatch.simple(FieldToMatch.Kind.URI_PATH);
            case "QueryString" -> FieldToMatch.simple(FieldToMatch.Kind.QUERY_STRING);
            case "Method" -> FieldToMatch.simple(FieldToMatch.Kind.METHOD);
            case "AllQueryArguments" -> FieldToMatch.simple(FieldToMatch.Kind.ALL_QUERY_ARGUMENTS);
            case "SingleHeader" -> named(FieldToMatch.Kind.SINGLE_HEADER, spec, "SINGLE_HEADER", 64);
            case "SingleQueryArgument" -> named(FieldToMatch.Kind.SINGLE_QUERY_ARGUMENT, spec, "SINGLE_QUERY_ARGUMENT", 30);
            case "Body" -> new FieldToMatch(FieldToMatch.Kind.BODY, "", FieldToMatch.Scope.VALUE, Set.of(), true, Set.of(),
                    List.of(), oversize(spec, false), FieldToMatch.INSPECT, false);
            case "HeaderOrder" -> new FieldToMatch(FieldToMatch.Kind.HEADER_ORDER, "", FieldToMatch.Scope.VALUE, Set.of(),
                    true, Set.of(), List.of(), oversize(spec, true), FieldToMatch.INSPECT, false);
            case "Headers" -> items(FieldToMatch.Kind.HEADERS, spec, "IncludedHeaders", "ExcludedHeaders", true);
            case "Cookies" -> items(FieldToMatch.Kind.COOKIES, spec, "IncludedCookies", "ExcludedCookies", false);
            case "JsonBody" -> jsonBody(spec);
            case "JA3Fingerprint", "JA4Fingerprint", "UriFragment" -> {
                String fallback = spec.path("FallbackBehavior").asText("");
                if (!type.equals("UriFragment") && fallback.isEmpty()) {
                    throw new WafValidationException("FALLBACK_BEHAVIOR", "", "FallbackBehavior is required");
                }
                FieldToMatch.Kind kind = type.equals("UriFragment") ? FieldToMatch.Kind.URI_FRAGMENT
                        : type.equals("JA3Fingerprint") ? FieldToMatch.Kind.JA3_FINGERPRINT : FieldToMatch.Kind.JA4_FINGERPRINT;
                yield new FieldToMatch(kind, "", FieldToMatch.Scope.VALUE, Set.of(), true, Set.of(), List.of(),
                        FieldToMatch.INSPECT, fallback.equals("MATCH") ? FieldToMatch.MATCH : FieldToMatch.NO_MATCH, false);
            }
            default -> throw new WafValidationException("FIELD_TO_MATCH", type, "unknown request component");
        };
    }

    private static FieldToMatch named(FieldToMatch.Kind kind, JsonNode spec, String field, int max) {
        String name = spec.path("Name").asText("");
        if (name.isEmpty() || name.length() > max) {
            throw new WafValidationException(field, name, "Name must be 1 to " + max + " characters");
        }
        return new FieldToMatch(kind, name.toLowerCase(Locale.ROOT), FieldToMatch.Scope.VALUE, Set.of(), true, Set.of(),
                List.of(), FieldToMatch.INSPECT, FieldToMatch.INSPECT, false);
    }

    private static int oversize(JsonNode spec, boolean required) {
        String value = spec.path("OversizeHandling").asText("");
        return switch (value) {
            case "" -> {
                if (required) {
                    throw new WafValidationException("OVERSIZE_HANDLING", "", "OversizeHandling is required");
                }
                yield FieldToMatch.INSPECT;
            }
            case "CONTINUE" -> FieldToMatch.INSPECT;
            case "MATCH" -> FieldToMatch.MATCH;
            case "NO_MATCH" -> FieldToMatch.NO_MATCH;
            default -> throw new WafValidationException("OVERSIZE_HANDLING", value, "invalid value");
        };
    }

    private static FieldToMatch.Scope scope(JsonNode spec, String field) {
        String value = spec.path("MatchScope").asText("");
        try {
            return FieldToMatch.Scope.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new WafValidationException(field, value, "MatchScope must be ALL, KEY or VALUE");
        }
    }

    private static FieldToMatch items(FieldToMatch.Kind kind, JsonNode spec, String includedKey, String excludedKey,
                                      boolean caseInsensitive) {
        JsonNode pattern = spec.path("MatchPattern");
        String field = kind == FieldToMatch.Kind.HEADERS ? "HEADER_MATCH_PATTERN" : "COOKIE_MATCH_PATTERN";
        int given = (pattern.has("All") ? 1 : 0) + (pattern.has(includedKey) ? 1 : 0) + (pattern.has(excludedKey) ? 1 : 0);
        if (given != 1) {
            throw new WafValidationException(field, "", "specify exactly one of All, " + includedKey + ", " + excludedKey);
        }
        Set<String> included = names(pattern.path(includedKey), caseInsensitive);
        Set<String> excluded = names(pattern.path(excludedKey), caseInsensitive);
        return new FieldToMatch(kind, "", scope(spec, "MAP_MATCH_SCOPE"), included, pattern.has("All"), excluded,
                List.of(), oversize(spec, true), FieldToMatch.INSPECT, false);
    }

    private static Set<String> names(JsonNode list, boolean lower) {
        Set<String> out = new HashSet<>();
        for (JsonNode n : list) {
            out.add(lower ? n.asText().toLowerCase(Locale.ROOT) : n.asText());
        }
        return out;
    }

    private static FieldToMatch jsonBody(JsonNode spec) {
        JsonNode pattern = spec.path("MatchPattern");
        boolean all = pattern.has("All");
        List<String> paths = new ArrayList<>();
        for (JsonNode p : pattern.path("IncludedPaths")) {
            String pointer = p.asText();
            if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                throw new WafValidationException("JSON_MATCH_PATTERN", pointer, "IncludedPaths must be JSON Pointers");
            }
            paths.add(pointer);
        }
        if (all == !paths.isEmpty() || !all && paths.isEmpty()) {
            throw new WafValidationException("JSON_MATCH_PATTERN", "", "specify exactly one of All and IncludedPaths");
        }
        String fallback = spec.path("InvalidFallbackBehavior").asText("");
        int invalid = switch (fallback) {
            case "MATCH" -> FieldToMatch.MATCH;
            case "NO_MATCH" -> FieldToMatch.NO_MATCH;
            case "", "EVALUATE_AS_STRING" -> FieldToMatch.INSPECT;
            default -> throw new WafValidationException("BODY_PARSING_FALLBACK_BEHAVIOR", fallback, "invalid value");
        };
        return new FieldToMatch(FieldToMatch.Kind.JSON_BODY, "", scope(spec, "JSON_MATCH_SCOPE"), Set.of(), all, Set.of(),
                paths, oversize(spec, false), invalid, fallback.equals("EVALUATE_AS_STRING"));
    }

    /** TextTransformations: priorities unique, applied in ascending order, at most ten. */
    static Transforms transforms(JsonNode list, boolean required) {
        if (list == null || list.isMissingNode() || list.isNull()) {
            if (required) {
                throw new WafValidationException("TEXT_TRANSFORMATION", "", "TextTransformations is required");
            }
            return Transforms.of(List.of());
        }
        if (required && list.isEmpty()) {
            throw new WafValidationException("TEXT_TRANSFORMATION", "", "at least one text transformation is required");
        }
        if (list.size() > MAX_TRANSFORMATIONS) {
            throw new WafValidationException("TEXT_TRANSFORMATION", String.valueOf(list.size()),
                    "at most " + MAX_TRANSFORMATIONS + " text transformations per statement");
        }
        Map<Integer, TextTransformation> byPriority = new TreeMap<>();
        for (JsonNode t : list) {
            String type = t.path("Type").asText("");
            TextTransformation tt = TextTransformation.byName(type);
            if (tt == null || type.isEmpty()) {
                throw new WafValidationException("TEXT_TRANSFORMATION", type, "unknown text transformation type");
            }
            int priority = t.path("Priority").asInt(-1);
            if (priority < 0 || byPriority.put(priority, tt) != null) {
                throw new WafValidationException("TEXT_TRANSFORMATION", String.valueOf(priority),
                        "text transformation priorities must be unique, non-negative integers");
            }
        }
        List<TextTransformation> steps = new ArrayList<>();
        for (TextTransformation t : byPriority.values()) {
            if (t != TextTransformation.NONE) {
                steps.add(t);
            }
        }
        return Transforms.of(steps);
    }
}
