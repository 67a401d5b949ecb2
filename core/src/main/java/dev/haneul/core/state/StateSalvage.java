package dev.haneul.core.state;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what it can of a state file that does not parse (truncated by a full disk, edited by
 * hand), to tell the user which resources a server started without. Every service's state is an
 * object whose resource maps are keyed by identifier or ARN ({@code {"clusters": {"board-db":
 * {…}}}}), so the keys of each top-level map are the resources; a streaming read collects them
 * until the first token it cannot make sense of. {@code tags} (keyed by the ARNs of resources
 * already listed) is left out.
 */
final class StateSalvage {

    private static final JsonFactory FACTORY = new JsonFactory();

    private StateSalvage() {}

    /** Kind (in words: {@code replication groups}) → identifiers, in file order; empty if nothing reads. */
    static Map<String, List<String>> readable(Path file) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return found;
        }
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return found;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT && !field.equals("tags")) {
                    List<String> ids = new ArrayList<>();
                    found.put(words(field), ids);
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        ids.add(shortName(parser.currentName()));
                        parser.nextToken();
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The first unreadable token: what was read before it is the answer.
        }
        found.values().removeIf(List::isEmpty);
        return found;
    }

    /** {@code replicationGroups} → {@code replication groups}. */
    private static String words(String field) {
        return field.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** An ARN's resource part ({@code loadbalancer/app/web/…}); any other key as it is. */
    private static String shortName(String key) {
        if (!key.startsWith("arn:")) {
            return key;
        }
        String[] parts = key.split(":", 6);
        return parts.length == 6 ? parts[5] : key;
    }
}
