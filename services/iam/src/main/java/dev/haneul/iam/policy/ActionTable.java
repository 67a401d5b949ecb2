package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * For every operation of every emulated service: the IAM actions it needs, the resource types each
 * action takes (with ARN formats; which are required) and the condition keys it supports. The facts
 * come from AWS's Service Authorization Reference and live as data, one JSON file per service prefix
 * under {@code dev/haneul/iam/actions/}, each naming its sources.
 *
 * <p>File shape: {@code keySets} names lists of condition keys that rows repeat (a list member
 * {@code $NAME} stands for set {@code NAME}); {@code resourceTypes} maps a type to its ARN format and condition keys;
 * {@code actions} maps an action to {@code resources} (type, with a trailing {@code *} when
 * required, to that row's condition keys) and {@code conditionKeys} (the keys of the row without a
 * resource type: request keys such as {@code aws:RequestTag/${TagKey}}); {@code operations} maps
 * the API operations whose action is not their own name to their actions, {@code []} for an
 * operation that no IAM action guards (such as {@code sts:GetCallerIdentity});
 * {@code notInReference} names API operations the reference has no action for yet, with why.
 */
public final class ActionTable {

    /** The service prefixes bundled: every service emulated now. */
    public static final List<String> SERVICES = List.of("elasticache", "elasticloadbalancing", "iam", "rds", "s3", "sts",
            "wafv2");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, ServiceActions> services;

    private ActionTable(Map<String, ServiceActions> services) {
        this.services = Map.copyOf(services);
    }

    /** The bundled table; reads the class-path resources once per call, so keep the result. */
    public static ActionTable load() {
        Map<String, ServiceActions> services = new LinkedHashMap<>();
        for (String prefix : SERVICES) {
            services.put(prefix, read(prefix));
        }
        return new ActionTable(services);
    }

    public ServiceActions service(String prefix) {
        ServiceActions service = services.get(prefix);
        if (service == null) {
            throw new IllegalArgumentException("prefix: " + prefix + " (expected: one of " + SERVICES + ")");
        }
        return service;
    }

    /** The definition of {@code rds:DeleteDBCluster} (any case), or {@code null}. */
    public @Nullable ActionDefinition action(String iamAction) {
        int colon = iamAction.indexOf(':');
        if (colon < 0) {
            return null;
        }
        ServiceActions service = services.get(iamAction.substring(0, colon).toLowerCase(Locale.ROOT));
        return service == null ? null : service.action(iamAction.substring(colon + 1));
    }

    /** A service's resource types, actions and operation mapping. */
    public record ServiceActions(String prefix, List<String> sources, Map<String, ResourceType> resourceTypes,
                                 Map<String, ActionDefinition> actions, Map<String, List<String>> operations,
                                 Map<String, String> notInReference) {

        public ServiceActions {
            sources = List.copyOf(sources);
            resourceTypes = Map.copyOf(resourceTypes);
            actions = Map.copyOf(actions);
            operations = Map.copyOf(operations);
            notInReference = Map.copyOf(notInReference);
        }

        /** The action named {@code name} (case-insensitive, as IAM compares actions), or {@code null}. */
        public @Nullable ActionDefinition action(String name) {
            ActionDefinition exact = actions.get(name);
            if (exact != null) {
                return exact;
            }
            for (ActionDefinition action : actions.values()) {
                if (action.name().equalsIgnoreCase(name)) {
                    return action;
                }
            }
            return null;
        }

        /**
         * The IAM actions ({@code prefix:Name}) operation {@code operation} needs: its mapping, else
         * the action of the same name; empty for an operation no action guards; {@code null} when
         * the table does not know the operation.
         */
        public @Nullable List<String> actionsFor(String operation) {
            List<String> mapped = operations.get(operation);
            if (mapped != null) {
                return mapped.stream().map(a -> a.contains(":") ? a : prefix + ":" + a).toList();
            }
            return actions.containsKey(operation) ? List.of(prefix + ":" + operation) : null;
        }
    }

    /** One action: its resource types and the condition keys of its resource-less row. */
    public record ActionDefinition(String service, String name, List<ResourceRequirement> resources,
                                   List<String> conditionKeys) {

        public ActionDefinition {
            resources = List.copyOf(resources);
            conditionKeys = List.copyOf(conditionKeys);
        }

        /** {@code rds:DeleteDBCluster}. */
        public String iamName() {
            return service + ":" + name;
        }
    }

    /** A resource type an action takes, whether it is required, and that row's condition keys. */
    public record ResourceRequirement(String type, boolean required, List<String> conditionKeys) {
        public ResourceRequirement {
            requireNonNull(type, "type");
            conditionKeys = List.copyOf(conditionKeys);
        }
    }

    /** A resource type: its ARN format ({@code arn:${Partition}:rds:${Region}:${Account}:cluster:${DbClusterInstanceName}}). */
    public record ResourceType(String name, String arnFormat, List<String> conditionKeys) {

        public ResourceType {
            requireNonNull(name, "name");
            requireNonNull(arnFormat, "arnFormat");
            conditionKeys = List.copyOf(conditionKeys);
        }

        /** Whether {@code arn} has this type's shape (each {@code ${…}} standing for anything). */
        public boolean matches(String arn) {
            return ArnPattern.compile(arnFormat.replaceAll("\\$\\{[^}]*}", "*"), false).matches(arn, Arn.parse(arn),
                    null);
        }

        /** The ARN format with {@code ${Partition}}, {@code ${Region}}, {@code ${Account}} and the rest filled in. */
        public String arn(Map<String, String> values) {
            String arn = arnFormat;
            for (Map.Entry<String, String> value : values.entrySet()) {
                arn = arn.replace("${" + value.getKey() + "}", value.getValue());
            }
            return arn;
        }
    }

    private static ServiceActions read(String prefix) {
        String resource = "/dev/haneul/iam/actions/" + prefix + ".json";
        try (InputStream in = ActionTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            JsonNode root = MAPPER.readTree(in);
            JsonNode keySets = root.path("keySets");
            Map<String, ResourceType> types = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> type : fields(root.path("resourceTypes"))) {
                types.put(type.getKey(), new ResourceType(type.getKey(), type.getValue().path("arn").asText(),
                        keys(type.getValue().path("conditionKeys"), keySets)));
            }
            Map<String, ActionDefinition> actions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> action : fields(root.path("actions"))) {
                List<ResourceRequirement> requirements = new ArrayList<>();
                for (Map.Entry<String, JsonNode> row : fields(action.getValue().path("resources"))) {
                    String type = row.getKey();
                    boolean required = type.endsWith("*");
                    String name = required ? type.substring(0, type.length() - 1) : type;
                    if (!types.containsKey(name)) {
                        throw new IllegalStateException(resource + ": action " + action.getKey()
                                + " names unknown resource type " + name);
                    }
                    requirements.add(new ResourceRequirement(name, required, keys(row.getValue(), keySets)));
                }
                actions.put(action.getKey(), new ActionDefinition(prefix, action.getKey(), requirements,
                        keys(action.getValue().path("conditionKeys"), keySets)));
            }
            Map<String, List<String>> operations = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> operation : fields(root.path("operations"))) {
                operations.put(operation.getKey(), strings(operation.getValue()));
            }
            Map<String, String> notInReference = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> operation : fields(root.path("notInReference"))) {
                notInReference.put(operation.getKey(), operation.getValue().asText());
            }
            return new ServiceActions(prefix, strings(root.path("sources")), types, actions, operations,
                    notInReference);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    /** Condition keys with every {@code $SET} member replaced by that set's keys, recursively. */
    private static List<String> keys(JsonNode node, JsonNode keySets) {
        List<String> out = new ArrayList<>();
        for (String key : strings(node)) {
            if (key.startsWith("$")) {
                JsonNode set = keySets.path(key.substring(1));
                if (!set.isArray()) {
                    throw new IllegalStateException("unknown key set " + key);
                }
                out.addAll(keys(set, keySets));
            } else {
                out.add(key);
            }
        }
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else if (node.isTextual()) {
            out.add(node.asText());
        }
        return out;
    }
}
