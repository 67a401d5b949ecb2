package dev.haneul.iam.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a policy document and enforces the grammar IAM enforces, failing with AWS's
 * {@code MalformedPolicyDocument} message ({@link PolicyMessages}).
 *
 * <p>It streams the JSON rather than reading a tree so that each statement keeps its start and end
 * position, which the simulate APIs report. Rules: {@code Version} is {@code 2012-10-17} or
 * {@code 2008-10-17} (absent means the legacy 2008 grammar); {@code Statement} is one object or an
 * array; every value element takes one string or an array; an identity policy names no principal,
 * a resource or trust policy must; a trust policy has no {@code Resource}; {@code Action} xor
 * {@code NotAction}, {@code Resource} xor {@code NotResource}; Sids are unique and, in identity
 * policies, alphanumeric. Unknown elements are rejected. A legacy document that breaks a syntax
 * rule gets AWS's "failed legacy parsing" answer instead of the specific one.
 */
public final class PolicyParser {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_TYPES = Set.of("AWS", "Service", "Federated", "CanonicalUser");
    private static final Pattern ALPHANUMERIC = Pattern.compile("[0-9A-Za-z]*");
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

    private PolicyParser() {
    }

    /** Parses and validates {@code json} as a policy of {@code type}. */
    public static PolicyDocument parse(String json, PolicyType type) {
        JsonNode version = null;
        JsonNode id = null;
        List<RawStatement> raw = null;
        String unknownField = null;
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notJson(json, type);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "Statement" -> raw = readStatements(parser);
                    case "Version" -> version = parser.readValueAsTree();
                    case "Id" -> id = parser.readValueAsTree();
                    default -> {
                        parser.skipChildren();
                        unknownField = field;
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw notJson(json, type);
            }
        } catch (JsonProcessingException e) {
            throw notJson(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("reading a policy from a string", e);
        }
        boolean legacy = isLegacy(version);
        try {
            if (unknownField != null) {
                throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, unknownField);
            }
            return validate(readVersion(version), id, raw, type);
        } catch (Rejection rejection) {
            throw rejection.toException(legacy);
        }
    }

    private static boolean isLegacy(@Nullable JsonNode version) {
        return version == null || !version.isTextual() || !version.asText().equals("2012-10-17");
    }

    private static MalformedPolicyDocumentException notJson(String json, PolicyType type) {
        return new MalformedPolicyDocumentException(switch (type) {
            case IDENTITY -> PolicyMessages.SYNTAX_ERRORS;
            case TRUST -> PolicyMessages.INVALID_JSON;
            case RESOURCE -> json.strip().startsWith("{") ? PolicyMessages.INVALID_JSON : PolicyMessages.FIRST_BYTE;
        });
    }

    private static PolicyVersion readVersion(@Nullable JsonNode version) {
        if (version == null) {
            return PolicyVersion.V2008_10_17;
        }
        if (version.isTextual()) {
            for (PolicyVersion v : PolicyVersion.values()) {
                if (v.text().equals(version.asText())) {
                    return v;
                }
            }
        }
        throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Version");
    }

    /** {@code node} is {@code null} for an element of {@code Statement} that is no object. */
    private record RawStatement(@Nullable JsonNode node, SourcePosition start, SourcePosition end) {
    }

    private static List<RawStatement> readStatements(JsonParser parser) throws IOException {
        List<RawStatement> statements = new ArrayList<>();
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            statements.add(readStatement(parser));
        } else if (parser.currentToken() == JsonToken.START_ARRAY) {
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    parser.skipChildren();
                    statements.add(notAnObject(parser));
                } else {
                    statements.add(readStatement(parser));
                }
            }
        } else {
            parser.skipChildren();
            statements.add(notAnObject(parser));
        }
        return statements;
    }

    /** An element of {@code Statement} that is no object: rejected when validated, where it stands. */
    private static RawStatement notAnObject(JsonParser parser) {
        SourcePosition here = position(parser.currentTokenLocation());
        return new RawStatement(null, here, here);
    }

    private static RawStatement readStatement(JsonParser parser) throws IOException {
        SourcePosition start = position(parser.currentTokenLocation());
        JsonNode node = parser.readValueAsTree();
        JsonLocation after = parser.currentLocation();
        return new RawStatement(node, start, new SourcePosition(after.getLineNr(), after.getColumnNr() - 1));
    }

    private static SourcePosition position(JsonLocation location) {
        return new SourcePosition(location.getLineNr(), location.getColumnNr());
    }

    private static PolicyDocument validate(PolicyVersion version, @Nullable JsonNode id, @Nullable List<RawStatement> raw,
                                           PolicyType type) {
        if (id != null && !id.isTextual()) {
            throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Id");
        }
        if (raw == null || raw.isEmpty()) {
            throw new Rejection(PolicyMessages.MISSING_STATEMENT, false, "Statement");
        }
        List<PolicyDocument.Statement> statements = new ArrayList<>(raw.size());
        Set<String> sids = new HashSet<>();
        for (RawStatement statement : raw) {
            PolicyDocument.Statement parsed = statement(statement, type);
            if (parsed.sid() != null && type != PolicyType.RESOURCE && !sids.add(parsed.sid())) {
                throw new Rejection(PolicyMessages.SID_UNIQUE, false, "Sid");
            }
            statements.add(parsed);
        }
        return new PolicyDocument(version, id == null ? null : id.asText(), statements);
    }

    private static PolicyDocument.Statement statement(RawStatement raw, PolicyType type) {
        JsonNode node = raw.node();
        if (node == null) {
            throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Statement");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!STATEMENT_FIELDS.contains(name)) {
                throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, name);
            }
        }
        String sid = null;
        if (node.has("Sid")) {
            JsonNode sidNode = node.get("Sid");
            if (!sidNode.isTextual()) {
                throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Sid");
            }
            sid = sidNode.asText();
            if (type == PolicyType.IDENTITY && !ALPHANUMERIC.matcher(sid).matches()) {
                throw new Rejection(PolicyMessages.SID_ALPHANUMERIC, false, "Sid");
            }
        }
        Effect effect = effect(node.get("Effect"));
        boolean hasPrincipal = node.has("Principal");
        boolean hasNotPrincipal = node.has("NotPrincipal");
        if (hasPrincipal && hasNotPrincipal) {
            throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "NotPrincipal");
        }
        PolicyDocument.PrincipalElement principal = null;
        if (type == PolicyType.IDENTITY) {
            if (hasPrincipal || hasNotPrincipal) {
                throw new Rejection(PolicyMessages.NO_PRINCIPAL_ALLOWED, false, "Principal");
            }
        } else {
            if (!hasPrincipal && !hasNotPrincipal) {
                throw new Rejection(PolicyMessages.MISSING_PRINCIPAL, false, "Principal");
            }
            principal = principal(node.get(hasPrincipal ? "Principal" : "NotPrincipal"));
        }
        boolean hasAction = node.has("Action");
        boolean hasNotAction = node.has("NotAction");
        if (hasAction && hasNotAction) {
            throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "NotAction");
        }
        if (!hasAction && !hasNotAction) {
            throw new Rejection(PolicyMessages.MUST_CONTAIN_ACTIONS, false, "Action");
        }
        List<String> actions = strings(node.get(hasAction ? "Action" : "NotAction"), "Action");
        for (String action : actions) {
            checkAction(action);
        }
        boolean hasResource = node.has("Resource");
        boolean hasNotResource = node.has("NotResource");
        List<String> resources = null;
        if (type == PolicyType.TRUST) {
            if (hasResource) {
                throw new Rejection(PolicyMessages.PROHIBITED_RESOURCE, false, "Resource");
            }
            if (hasNotResource) {
                throw new Rejection(PolicyMessages.PROHIBITED_NOT_RESOURCE, false, "NotResource");
            }
        } else {
            if (hasResource && hasNotResource) {
                throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "NotResource");
            }
            if (!hasResource && !hasNotResource) {
                throw new Rejection(PolicyMessages.MUST_CONTAIN_RESOURCES, false, "Resource");
            }
            resources = strings(node.get(hasResource ? "Resource" : "NotResource"), "Resource");
            for (String resource : resources) {
                if (!resource.equals("*") && Arn.parse(resource) == null) {
                    throw new Rejection(PolicyMessages.resourceNotArn(resource), true, "Resource");
                }
            }
        }
        List<PolicyDocument.ConditionEntry> conditions = node.has("Condition")
                ? conditions(node.get("Condition")) : List.of();
        return new PolicyDocument.Statement(sid, effect, principal, hasNotPrincipal, actions, hasNotAction,
                resources, hasNotResource, conditions, raw.start(), raw.end());
    }

    private static Effect effect(@Nullable JsonNode node) {
        if (node == null) {
            throw new Rejection(PolicyMessages.MISSING_EFFECT, false, "Effect");
        }
        if (node.isTextual()) {
            for (Effect effect : Effect.values()) {
                if (effect.text().equals(node.asText())) {
                    return effect;
                }
            }
        }
        throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Effect");
    }

    private static void checkAction(String action) {
        if (action.equals("*")) {
            return;
        }
        int colon = action.indexOf(':');
        if (colon <= 0 || colon == action.length() - 1) {
            throw new Rejection(PolicyMessages.VENDOR_PREFIX, false, "Action");
        }
        if (action.indexOf(':', colon + 1) >= 0) {
            throw new Rejection(PolicyMessages.ONE_COLON, false, "Action");
        }
    }

    private static PolicyDocument.PrincipalElement principal(JsonNode node) {
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new Rejection(PolicyMessages.invalidPrincipal("AWS", node.asText()), false, "Principal");
            }
            return new PolicyDocument.PrincipalElement(true, Map.of());
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Principal");
        }
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String principalType = field.getKey();
            if (!PRINCIPAL_TYPES.contains(principalType)) {
                throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Principal");
            }
            List<String> values = strings(field.getValue(), "Principal");
            for (String value : values) {
                checkPrincipal(principalType, value);
            }
            byType.put(principalType, values);
        }
        return new PolicyDocument.PrincipalElement(false, byType);
    }

    /** Syntax only: whether a named user or role exists is the IAM API's check, not the grammar's. */
    private static void checkPrincipal(String principalType, String value) {
        boolean valid = switch (principalType) {
            case "AWS" -> value.equals("*") || ACCOUNT_ID.matcher(value).matches()
                    || (value.indexOf('*') < 0 && value.indexOf('?') < 0 && Arn.parse(value) != null);
            case "Service", "Federated" -> !value.isEmpty() && value.indexOf('*') < 0;
            default -> !value.isEmpty();
        };
        if (!valid) {
            throw new Rejection(PolicyMessages.invalidPrincipal(principalType, value), false, "Principal");
        }
    }

    private static List<PolicyDocument.ConditionEntry> conditions(JsonNode node) {
        if (!node.isObject()) {
            throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Condition");
        }
        List<PolicyDocument.ConditionEntry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> operators = node.fields(); operators.hasNext(); ) {
            Map.Entry<String, JsonNode> operator = operators.next();
            if (ConditionOperators.parse(operator.getKey()) == null) {
                throw new Rejection(PolicyMessages.invalidConditionType(operator.getKey()), false, "Condition");
            }
            if (!operator.getValue().isObject()) {
                throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Condition");
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = operator.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (key.getKey().isEmpty()) {
                    throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Condition");
                }
                entries.add(new PolicyDocument.ConditionEntry(operator.getKey(), key.getKey(),
                        scalars(key.getValue())));
            }
        }
        return entries;
    }

    /** A string or an array of strings; anything else is a syntax error. */
    private static List<String> strings(JsonNode node, String field) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> values = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, field);
                }
                values.add(element.asText());
            }
            return values;
        }
        throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, field);
    }

    /** Condition values may also be JSON numbers and booleans, taken as their text. */
    private static List<String> scalars(JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            return List.of(node.asText());
        }
        if (node.isArray()) {
            List<String> values = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                if (!element.isValueNode() || element.isNull()) {
                    throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Condition");
                }
                values.add(element.asText());
            }
            return values;
        }
        throw new Rejection(PolicyMessages.SYNTAX_ERRORS, true, "Condition");
    }

    /**
     * A rule broken, before we know whether the document is legacy: {@code syntax} rejections turn
     * into "failed legacy parsing" for a document without {@code Version 2012-10-17}.
     */
    private static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean syntax;

        Rejection(String message, boolean syntax, String field) {
            super(message + " (" + field + ")", null, false, false);
            this.syntax = syntax;
        }

        MalformedPolicyDocumentException toException(boolean legacy) {
            String text = String.valueOf(getMessage());
            String message = text.substring(0, text.lastIndexOf(" ("));
            return new MalformedPolicyDocumentException(syntax && legacy ? PolicyMessages.LEGACY_PARSING : message);
        }
    }
}
