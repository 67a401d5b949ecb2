package dev.haneul.core.protocol.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.json.JsonCodec;
import dev.haneul.core.protocol.xml.XmlElement;
import dev.haneul.core.protocol.xml.XmlShapeReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Test-side reader of rest-xml and rest-json responses, the way botocore's parsers read them: the
 * status code, header-bound and prefix-header members, a payload member or the body members, and
 * for errors the code (botocore's rules per protocol), message and structured members. The corpus
 * tests first check it against the responses botocore expects, then read Haneul's answers with it.
 */
final class RestResponseReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestResponseReader() {}

    /** A response as received: status, headers by lower-case name, body. */
    record Response(int status, Map<String, String> headers, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record ParsedError(String code, String message, Map<String, Object> fields) {}

    /**
     * The value tree of {@code shape} (an output or error shape) that {@code response} carries. A
     * prefix-header map is always there, empty when no header has its prefix, as botocore reads it.
     */
    static Map<String, Object> read(ServiceModel model, Shape shape, Response response) {
        Map<String, Object> out = new LinkedHashMap<>();
        Bindings b = Bindings.ofResponse(shape);
        for (Member member : b.headers()) {
            String value = response.headers().get(member.wireName().toLowerCase(Locale.ROOT));
            if (value != null) {
                out.put(member.name(), HttpValues.header(member, value));
            }
        }
        for (Bindings.PrefixHeaders prefix : b.prefixHeaders()) {
            Map<String, Object> map = new LinkedHashMap<>();
            response.headers().forEach((name, value) -> {
                if (prefix.matches(name)) {
                    map.put(name.substring(prefix.prefix().length()),
                            HttpValues.header(prefix.member().shape().mapValue(), value));
                }
            });
            out.put(prefix.member().name(), map);
        }
        b.statusCode().ifPresent(member -> out.put(member.name(), response.status()));
        if (b.payload().isPresent()) {
            Member payload = b.payload().get();
            if (response.body().length > 0) {
                out.put(payload.name(), switch (payload.shape().type()) {
                    case BLOB -> response.body();
                    case STRING -> response.text();
                    default -> isJson(model)
                            ? JsonCodec.decodePayload(payload, response.body()).orElse(null)
                            : XmlShapeReader.value(payload, XmlElement.parse(response.body()), payload.name());
                });
                out.values().removeIf(Objects::isNull);
            }
        } else if (!b.body().isEmpty() && response.body().length > 0) {
            out.putAll(isJson(model) ? JsonCodec.decode(shape, response.body())
                    : XmlShapeReader.responseStructure(shape, errorRoot(XmlElement.parse(response.body()))));
        }
        return out;
    }

    /** An error response: code, message and members beside the message. */
    static ParsedError readError(ServiceModel model, Shape errorShape, Response response) {
        String code;
        String message;
        if (isJson(model)) {
            JsonNode body = jsonBody(response);
            code = response.headers().get("x-amzn-errortype");
            if (code == null) {
                code = body.has("__type") ? body.get("__type").asText() : body.path("code").asText("");
            }
            code = code.substring(code.lastIndexOf('#') + 1);
            if (code.indexOf(':') >= 0) {
                code = code.substring(0, code.indexOf(':'));
            }
            message = body.has("message") ? body.get("message").asText() : body.path("Message").asText("");
        } else {
            XmlElement error = errorRoot(XmlElement.parse(response.body()));
            code = text(error, "Code");
            message = text(error, "Message");
        }
        Map<String, Object> fields = read(model, errorShape, response);
        fields.keySet().removeIf(k -> k.equalsIgnoreCase("message"));
        return new ParsedError(code, message, fields);
    }

    /** botocore's rest-xml error root: the {@code <Error>} inside {@code <ErrorResponse>}, else the root. */
    private static XmlElement errorRoot(XmlElement root) {
        if (root.name().equals("ErrorResponse") && root.child("Error") != null) {
            return root.child("Error");
        }
        return root;
    }

    private static String text(XmlElement parent, String name) {
        XmlElement child = parent.child(name);
        return child == null ? "" : child.text();
    }

    private static boolean isJson(ServiceModel model) {
        return model.protocol().equals("rest-json");
    }

    private static JsonNode jsonBody(Response response) {
        try {
            return response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
