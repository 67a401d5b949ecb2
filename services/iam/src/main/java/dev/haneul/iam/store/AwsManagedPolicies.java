package dev.haneul.iam.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS managed policies Haneul ships ({@code arn:aws:iam::aws:policy/…}), read once from
 * {@code dev/haneul/iam/managed/}: their names, default version ids, the dates of those versions and
 * AWS's documents, each copied whole from the source {@code index.json} names for it. AWS managed
 * policies are not held to the 6,144-character limit of customer managed ones ({@code ReadOnlyAccess}
 * is far longer), so nothing here measures them.
 */
public final class AwsManagedPolicies {

    /** When every bundled AWS managed policy says it was created (AWS shows each one's real date). */
    static final Instant CREATED = Instant.parse("2015-02-06T18:39:46Z");

    /**
     * One AWS managed policy: {@code versionCreated} is when AWS made its default version, which
     * AWS answers as the policy's {@code UpdateDate} and as the version's {@code CreateDate}.
     */
    public record AwsPolicy(String name, String path, String arn, String id, String defaultVersion,
            Instant versionCreated, String document) {}

    private static final AwsManagedPolicies BUNDLED = load();

    private final Map<String, AwsPolicy> byArn;

    private AwsManagedPolicies(Map<String, AwsPolicy> byArn) {
        this.byArn = Map.copyOf(byArn);
    }

    public static AwsManagedPolicies bundled() {
        return BUNDLED;
    }

    public Optional<AwsPolicy> find(String arn) {
        return Optional.ofNullable(byArn.get(arn));
    }

    public Collection<AwsPolicy> all() {
        return byArn.values();
    }

    public static Instant created() {
        return CREATED;
    }

    private static AwsManagedPolicies load() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, AwsPolicy> policies = new LinkedHashMap<>();
        try {
            JsonNode index = mapper.readTree(resource("index.json"));
            for (JsonNode entry : index.path("policies")) {
                String name = entry.path("name").asText();
                String path = entry.path("path").asText("/");
                String document = new String(resource(name + ".json"), StandardCharsets.UTF_8);
                String arn = "arn:aws:iam::aws:policy" + path + name;
                policies.put(arn, new AwsPolicy(name, path, arn, stableId(arn),
                        entry.path("defaultVersion").asText("v1"), versionCreated(entry), document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bundled AWS managed policies", e);
        }
        return new AwsManagedPolicies(policies);
    }

    private static Instant versionCreated(JsonNode entry) {
        JsonNode date = entry.path("versionCreated");
        return date.isTextual() ? Instant.parse(date.asText()) : CREATED;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AwsManagedPolicies.class.getResourceAsStream("/dev/haneul/iam/managed/" + name)) {
            if (in == null) {
                throw new IOException("missing resource dev/haneul/iam/managed/" + name);
            }
            return in.readAllBytes();
        }
    }

    /** An {@code ANPA…} id derived from the ARN, so it is the same on every server. */
    private static String stableId(String arn) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder id = new StringBuilder("ANPA");
        long h = 1125899906842597L;
        for (int i = 0; i < arn.length(); i++) {
            h = 31 * h + arn.charAt(i);
        }
        for (int i = 0; i < 17; i++) {
            id.append(alphabet.charAt((int) ((h >>> (i * 3)) & 31)));
        }
        return id.toString();
    }
}
