package dev.haneul.wafv2.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.json.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Moves WAF's nested structures between the gateway's value trees and AWS's JSON form with the json
 * protocol's own codec and the model's shapes, so what is stored (and compiled) is exactly what the
 * wire carries: members the shape lacks are dropped, blobs are base64, timestamps epoch seconds.
 */
final class WafJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private WafJson() {}

    static Shape shape(String name) {
        return WafErrors.MODEL.shape(name).orElseThrow(() -> new IllegalArgumentException("shape: " + name));
    }

    /** The value tree {@code tree}, keeping only the members of {@code shape}, as AWS JSON. */
    static ObjectNode toJson(String shape, Map<String, Object> tree) {
        try {
            return (ObjectNode) MAPPER.readTree(JsonCodec.encode(shape(shape), tree));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** AWS JSON of {@code shape} as a value tree. */
    static Map<String, Object> toTree(String shape, JsonNode json) {
        try {
            return JsonCodec.decode(shape(shape), MAPPER.writeValueAsBytes(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
