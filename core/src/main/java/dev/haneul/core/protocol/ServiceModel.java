package dev.haneul.core.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An AWS service model in botocore's {@code service-2.json} format: metadata, operations and
 * shapes. Haneul's protocol layer is driven entirely by it — request parsing, validation and
 * response serialisation read wire names, list flattening, timestamp formats and error codes from
 * here rather than from hand-written code.
 *
 * <p>Each service ships its model (documentation stripped) as a resource generated from the AWS
 * models by {@code tools/strip-aws-model.py}; the protocol tests load botocore's own test models
 * through the same class.
 */
public final class ServiceModel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String protocol;
    private final String apiVersion;
    private final @Nullable String xmlNamespace;
    private final @Nullable String targetPrefix;
    private final String jsonVersion;
    private final String signingName;
    private final String endpointPrefix;
    private final String serviceId;
    private final boolean awsQueryCompatible;
    private final Map<String, OperationModel> operations;
    private final Map<String, Shape> shapes;
    private final Map<String, Shape> errorsByCode;

    private ServiceModel(JsonNode metadata, Map<String, OperationModel> operations, Map<String, Shape> shapes) {
        this.protocol = text(metadata, "protocol", "query");
        this.apiVersion = text(metadata, "apiVersion", "");
        this.xmlNamespace = optionalText(metadata, "xmlNamespace");
        this.targetPrefix = optionalText(metadata, "targetPrefix");
        this.jsonVersion = text(metadata, "jsonVersion", "1.1");
        this.endpointPrefix = text(metadata, "endpointPrefix", "");
        this.signingName = text(metadata, "signingName", endpointPrefix);
        this.serviceId = text(metadata, "serviceId", endpointPrefix);
        this.awsQueryCompatible = metadata.has("awsQueryCompatible");
        this.operations = Collections.unmodifiableMap(operations);
        this.shapes = Collections.unmodifiableMap(shapes);
        Map<String, Shape> byCode = new LinkedHashMap<>();
        for (Shape shape : shapes.values()) {
            if (shape.isException()) {
                byCode.put(shape.name(), shape);
                shape.error().ifPresent(e -> byCode.putIfAbsent(e.code(), shape));
            }
        }
        this.errorsByCode = Collections.unmodifiableMap(byCode);
    }

    /** Loads a model from a classpath resource. */
    public static ServiceModel fromResource(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("resource: " + resource + " (not found beside " + anchor + ")");
            }
            return fromJson(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service model " + resource, e);
        }
    }

    /**
     * Builds a model from a botocore JSON tree with {@code metadata}, {@code operations} and
     * {@code shapes}.
     */
    public static ServiceModel fromJson(JsonNode root) {
        requireNonNull(root, "root");
        Map<String, Shape> shapes = new LinkedHashMap<>();
        List<Member> members = new ArrayList<>();
        root.path("shapes").properties().forEach(e -> shapes.put(e.getKey(), shape(e.getKey(), e.getValue(), members)));
        for (Member member : members) {
            Shape target = shapes.get(member.shapeName());
            if (target == null) {
                throw new IllegalArgumentException("shape " + member.shapeName() + " (referenced by member "
                        + member.name() + ") is not in the model");
            }
            member.link(target);
        }
        Map<String, OperationModel> operations = new LinkedHashMap<>();
        root.path("operations").properties().forEach(e -> {
            JsonNode op = e.getValue();
            List<Shape> errors = new ArrayList<>();
            op.path("errors").forEach(err -> errors.add(shapes.get(err.path("shape").asText())));
            JsonNode http = op.path("http");
            operations.put(e.getKey(), new OperationModel(e.getKey(),
                    shapeRef(op.get("input"), shapes), shapeRef(op.get("output"), shapes),
                    Optional.ofNullable(op.path("output").path("resultWrapper").textValue()), errors,
                    new OperationModel.Http(http.path("method").asText("POST"), http.path("requestUri").asText("/"),
                            http.path("responseCode").asInt(200)),
                    Optional.ofNullable(op.path("endpoint").path("hostPrefix").textValue()),
                    Optional.ofNullable(op.path("input").path("locationName").textValue()),
                    Optional.ofNullable(namespace(op.path("input").get("xmlNamespace"))),
                    op.path("deprecated").asBoolean(false)));
        });
        return new ServiceModel(root.path("metadata"), operations, shapes);
    }

    private static Optional<Shape> shapeRef(JsonNode ref, Map<String, Shape> shapes) {
        if (ref == null || !ref.hasNonNull("shape")) {
            return Optional.empty();
        }
        return Optional.ofNullable(shapes.get(ref.get("shape").asText()));
    }

    private static Shape shape(String name, JsonNode node, List<Member> allMembers) {
        ShapeType type = ShapeType.of(node.path("type").asText("structure"));
        Map<String, Member> members = new LinkedHashMap<>();
        node.path("members").properties().forEach(e -> {
            Member m = member(e.getKey(), e.getValue());
            members.put(e.getKey(), m);
            allMembers.add(m);
        });
        Set<String> required = new HashSet<>();
        node.path("required").forEach(r -> required.add(r.asText()));
        Member listMember = optionalMember("member", node.get("member"), allMembers);
        Member mapKey = optionalMember("key", node.get("key"), allMembers);
        Member mapValue = optionalMember("value", node.get("value"), allMembers);
        List<String> enums = new ArrayList<>();
        node.path("enum").forEach(v -> enums.add(v.asText()));
        Shape.ErrorTrait error = null;
        if (node.path("exception").asBoolean(false)) {
            JsonNode err = node.path("error");
            boolean fault = node.path("fault").asBoolean(false);
            error = new Shape.ErrorTrait(
                    err.path("code").asText(name),
                    err.path("httpStatusCode").asInt(fault ? 500 : 400),
                    err.has("senderFault") ? err.path("senderFault").asBoolean() : !fault);
        }
        String payload = node.path("payload").textValue();
        if (payload != null && !members.containsKey(payload)) {
            throw new IllegalArgumentException("shape " + name + ": payload " + payload + " is not one of its members");
        }
        return new Shape(name, type, members, required, listMember, mapKey, mapValue,
                node.path("flattened").asBoolean(false), enums,
                TimestampFormat.fromModel(node.path("timestampFormat").asText("")).orElse(null),
                namespace(node.get("xmlNamespace")), error, node.path("exception").asBoolean(false),
                node.path("document").asBoolean(false),
                node.has("min") ? node.get("min").asLong() : null,
                node.has("max") ? node.get("max").asLong() : null,
                payload, node.path("locationName").textValue(), node.path("union").asBoolean(false),
                node.path("streaming").asBoolean(false));
    }

    private static @Nullable Member optionalMember(String name, @Nullable JsonNode node, List<Member> allMembers) {
        if (node == null) {
            return null;
        }
        Member m = member(name, node);
        allMembers.add(m);
        return m;
    }

    private static Member member(String name, JsonNode node) {
        return new Member(name, node.path("shape").asText(),
                Member.Location.fromModel(node.path("location").asText("")),
                node.hasNonNull("locationName") ? node.get("locationName").asText() : null,
                node.path("queryName").textValue(),
                node.path("flattened").asBoolean(false),
                node.path("xmlAttribute").asBoolean(false),
                namespace(node.get("xmlNamespace")),
                TimestampFormat.fromModel(node.path("timestampFormat").asText("")).orElse(null),
                node.path("idempotencyToken").asBoolean(false),
                node.path("jsonvalue").asBoolean(false),
                node.path("streaming").asBoolean(false),
                node.path("hostLabel").asBoolean(false));
    }

    private static Member.@Nullable XmlNamespace namespace(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return new Member.XmlNamespace(null, node.asText());
        }
        return new Member.XmlNamespace(node.path("prefix").textValue(), node.path("uri").asText());
    }

    private static String text(JsonNode node, String field, String fallback) {
        String value = optionalText(node, field);
        return value == null ? fallback : value;
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** {@code query}, {@code ec2}, {@code json}, {@code rest-xml} or {@code rest-json}. */
    public String protocol() {
        return protocol;
    }

    public String apiVersion() {
        return apiVersion;
    }

    /** The XML namespace of query responses, for example {@code http://rds.amazonaws.com/doc/2014-10-31/}. */
    public Optional<String> xmlNamespace() {
        return Optional.ofNullable(xmlNamespace);
    }

    /** The {@code X-Amz-Target} prefix of json services, for example {@code AWSWAF_20190729}. */
    public Optional<String> targetPrefix() {
        return Optional.ofNullable(targetPrefix);
    }

    public String jsonVersion() {
        return jsonVersion;
    }

    /** The SigV4 signing name (the service part of a credential scope). */
    public String signingName() {
        return signingName;
    }

    public String endpointPrefix() {
        return endpointPrefix;
    }

    public String serviceId() {
        return serviceId;
    }

    /** A json service that once spoke query and still tells its errors' query codes ({@code awsQueryCompatible}). */
    public boolean awsQueryCompatible() {
        return awsQueryCompatible;
    }

    public Map<String, OperationModel> operations() {
        return operations;
    }

    public Optional<OperationModel> operation(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Optional<Shape> shape(String name) {
        return Optional.ofNullable(shapes.get(name));
    }

    /** Every exception shape of the model. */
    public Collection<Shape> errorShapes() {
        return shapes.values().stream().filter(Shape::isException).toList();
    }

    /** The exception shape with this shape name or wire code. */
    public Optional<Shape> errorShape(String nameOrCode) {
        return Optional.ofNullable(errorsByCode.get(nameOrCode));
    }
}
