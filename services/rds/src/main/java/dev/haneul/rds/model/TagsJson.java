package dev.haneul.rds.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a resource's tags from a state file: the kit's form, a JSON object of key to value, and
 * the list of {@code {"key", "value"}} objects state files of earlier Haneul versions hold.
 */
final class TagsJson extends StdDeserializer<Map<String, String>> {

    public TagsJson() {
        super(Map.class);
    }

    @Override
    public Map<String, String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tree = parser.readValueAsTree();
        if (tree == null || tree.isNull()) {
            return tags;
        }
        if (tree.isArray()) {
            tree.forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText("")));
        } else {
            tree.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText("")));
        }
        return tags;
    }

    @Override
    public Map<String, String> getNullValue(DeserializationContext context) {
        return new LinkedHashMap<>();
    }
}
