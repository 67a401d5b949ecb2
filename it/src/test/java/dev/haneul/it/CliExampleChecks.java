package dev.haneul.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the AWS CLI examples tests of every service share: reading an example's command, comparing its output. */
public final class CliExampleChecks {

    private CliExampleChecks() {}

    /** Splits a command line as a POSIX shell would, for the quoting the examples use. */
    public static List<String> tokens(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    out.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(current.toString());
        }
        return out;
    }

    /**
     * Every key of {@code expected} is in {@code actual} (but those allowed missing: keys AWS shows
     * only for options the example used), with a value of the same JSON type; objects and the
     * first element of non-empty arrays are compared the same way.
     */
    public static void assertSameShape(JsonNode expected, JsonNode actual, Set<String> allowedMissing, String path) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as("%s is an object in %s", path, actual).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                if (!actual.has(key)) {
                    assertThat(allowedMissing).as("%s.%s missing from %s", path, key, actual).contains(key);
                    continue;
                }
                assertSameShape(field.getValue(), actual.get(key), allowedMissing, path + "." + key);
            }
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as("%s is an array", path).isTrue();
            if (!expected.isEmpty() && !actual.isEmpty()) {
                assertSameShape(expected.get(0), actual.get(0), allowedMissing, path + "[0]");
            }
        } else {
            assertThat(actual.getNodeType()).as("%s's type", path).isEqualTo(expected.getNodeType());
        }
    }
}
