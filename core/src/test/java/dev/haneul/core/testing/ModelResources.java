package dev.haneul.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * Checks that a service's committed model resource is the AWS model of the corpora with only the
 * documentation removed (what {@code tools/strip-aws-model.py} writes), so shapes are never typed
 * by hand and never drift from AWS's.
 */
public final class ModelResources {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DROPPED = Set.of("documentation", "documentationUrl", "examples");

    private ModelResources() {}

    public static void assertMatchesCorpus(Class<?> anchor, String resource, String corpusModel) throws IOException {
        Path corpus = Corpora.require("aws-models/" + corpusModel);
        JsonNode expected = strip(JSON.readTree(corpus.toFile()));
        JsonNode actual;
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            assertThat(in).as("resource " + resource).isNotNull();
            actual = JSON.readTree(in);
        }
        assertThat(actual).as("%s is out of date: regenerate it with tools/strip-aws-model.py", resource)
                .isEqualTo(expected);
    }

    private static JsonNode strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = JSON.createObjectNode();
            object.properties().forEach(e -> {
                if (!DROPPED.contains(e.getKey())) {
                    out.set(e.getKey(), strip(e.getValue()));
                }
            });
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = JSON.createArrayNode();
            array.forEach(item -> out.add(strip(item)));
            return out;
        }
        return node;
    }
}
