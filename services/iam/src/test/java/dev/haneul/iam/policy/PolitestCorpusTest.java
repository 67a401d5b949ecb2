package dev.haneul.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.haneul.core.testing.Corpora;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario of the politest corpus ({@code ../shared/corpora/iam/politest}, expectations
 * recorded against AWS's {@code SimulateCustomPolicy}) run through our evaluator, one dynamic test
 * per case.
 *
 * <p>The harness does what politest does before it calls AWS: renders {@code {{.var}}} templates
 * from {@code vars_file}/{@code vars}, follows {@code extends}, merges scenario and test
 * {@code context} by key, strips non-IAM fields from the documents, and passes all {@code scp_paths}
 * merged into one permissions boundary. Its {@code fail-NN} scenarios carry deliberately wrong
 * expectations, each line commenting the real answer ("will actually be explicitDeny"): we assert
 * the real answer. Its {@code fail-strict-*} scenarios pass when the metadata is stripped and must be
 * rejected when it is not, which we check against our parser.
 */
class PolitestCorpusTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");
    /** The placeholders of the examples' legacy policies: {@code ${NAME}} (envsubst) and {@code <NAME>} (sed). */
    private static final Pattern LEGACY_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}|<([A-Z][A-Z0-9_]*)>");
    private static final Pattern REAL_ANSWER = Pattern.compile("expect:.*#.*will (?:actually )?be (\\w+)");
    private static final Set<String> POLICY_FIELDS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_FIELDS = Set.of("Sid", "Effect", "Principal", "NotPrincipal",
            "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final String DEFAULT_CALLER = "arn:aws:iam::123456789012:user/politest";

    private final Evaluator evaluator = new Evaluator();

    @TestFactory
    Stream<DynamicNode> scenarios() {
        Optional<Path> corpus = Corpora.root().map(root -> root.resolve("iam/politest")).filter(Files::isDirectory);
        if (corpus.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("politest corpus", () -> Assumptions.abort(
                    "public corpus ../shared/corpora/iam/politest is not present beside this clone")));
        }
        try (Stream<Path> files = Files.walk(corpus.get())) {
            return files.filter(f -> f.toString().endsWith(".yml"))
                    .filter(f -> f.getParent().endsWith("scenarios") || f.getFileName().toString().equals("scenario.yml"))
                    .sorted().toList().stream()
                    .flatMap(this::cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stream<DynamicNode> cases(Path file) {
        Scenario scenario = Scenario.load(file);
        List<String> realAnswers = realAnswers(file);
        List<DynamicNode> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode test : scenario.tests()) {
            for (String action : texts(test, "action", "actions")) {
                String expected = index < realAnswers.size() ? realAnswers.get(index) : test.path("expect").asText();
                String name = file.getFileName() + " / " + (test.has("name") ? test.get("name").asText()
                        : action + " on " + String.join(",", texts(test, "resource", "resources")));
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Decision decision = decide(scenario, test, scenario.render(action));
                    assertThat(decision.decision().wireName()).as(name).isEqualTo(expected);
                }));
                index++;
            }
        }
        if (file.getFileName().toString().startsWith("fail-strict-")) {
            tests.add(DynamicTest.dynamicTest(file.getFileName() + " / strict: AWS rejects the metadata fields",
                    () -> assertThatThrownBy(scenario::parseUnstripped)
                            .isInstanceOf(MalformedPolicyDocumentException.class)));
        }
        return tests.stream();
    }

    private Decision decide(Scenario scenario, JsonNode test, String action) {
        String callerArn = scenario.render(firstText(test, scenario.node(), "caller_arn", DEFAULT_CALLER));
        String owner = firstText(test, scenario.node(), "resource_owner", null);
        RequestContext.Builder builder = RequestContext.builder(Principal.fromArn(callerArn), action)
                .derivePrincipalKeys(false);
        if (owner != null) {
            builder.resourceAccount(Arn.parse(scenario.render(owner)).account());
        } else if (firstText(test, scenario.node(), "caller_arn", null) == null) {
            // Without CallerArn the simulator has no caller account: nothing is cross-account.
            builder.resourceAccount(Principal.fromArn(DEFAULT_CALLER).accountId());
        }
        for (Map.Entry<String, ContextValue> entry : scenario.context(test).entrySet()) {
            builder.put(entry.getKey(), entry.getValue());
        }
        PolicySet policies = PolicySet.of(scenario.identityPolicy());
        CompiledPolicy boundary = scenario.boundary();
        if (boundary != null) {
            policies = policies.withPermissionsBoundary(boundary);
        }
        CompiledPolicy resourcePolicy = scenario.resourcePolicy(test);
        if (resourcePolicy != null) {
            policies = policies.withResourcePolicy(resourcePolicy);
        }
        List<String> resources = texts(test, "resource", "resources").stream().map(scenario::render).toList();
        RequestContext request = builder.build();
        return resources.isEmpty() ? evaluator.evaluate(policies, request)
                : evaluator.evaluateAll(policies, request, resources);
    }

    /** The answers a fail-NN scenario's comments give, in test order (empty for other scenarios). */
    private static List<String> realAnswers(Path file) {
        if (!file.getFileName().toString().matches("fail-\\d+.*")) {
            return List.of();
        }
        List<String> answers = new ArrayList<>();
        for (String line : read(file).split("\n")) {
            Matcher matcher = REAL_ANSWER.matcher(line);
            if (matcher.find()) {
                answers.add(matcher.group(1));
            }
        }
        return answers;
    }

    private static List<String> texts(JsonNode node, String single, String plural) {
        if (node.hasNonNull(single)) {
            return List.of(node.get(single).asText());
        }
        List<String> out = new ArrayList<>();
        node.path(plural).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String firstText(JsonNode test, JsonNode scenario, String field, String fallback) {
        if (test.hasNonNull(field)) {
            return test.get(field).asText();
        }
        return scenario.hasNonNull(field) ? scenario.get(field).asText() : fallback;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One scenario file with its {@code extends} chain and variables resolved. */
    private record Scenario(Path dir, ObjectNode node, Map<String, String> vars) {

        static Scenario load(Path file) {
            try {
                ObjectNode node = (ObjectNode) YAML.readTree(file.toFile());
                Map<String, String> vars = new LinkedHashMap<>();
                if (node.hasNonNull("extends")) {
                    Scenario parent = load(file.resolveSibling(node.get("extends").asText()));
                    vars.putAll(parent.vars());
                    ObjectNode merged = parent.node().deepCopy();
                    merged.remove("vars");
                    node.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue()));
                    node = merged;
                }
                if (node.hasNonNull("vars_file")) {
                    YAML.readTree(file.resolveSibling(node.get("vars_file").asText()).toFile()).fields()
                            .forEachRemaining(f -> vars.putIfAbsent(f.getKey(), f.getValue().asText()));
                }
                node.path("vars").fields().forEachRemaining(f -> vars.put(f.getKey(), f.getValue().asText()));
                return new Scenario(file.getParent(), node, vars);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<JsonNode> tests() {
            List<JsonNode> tests = new ArrayList<>();
            node.path("tests").forEach(tests::add);
            return tests;
        }

        String render(String text) {
            Matcher matcher = VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String value = vars.get(matcher.group(1));
                if (value == null) {
                    throw new IllegalStateException("undefined template variable " + matcher.group(1));
                }
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            return matcher.appendTail(out).toString();
        }

        /**
         * The examples' policies predate politest and still hold the placeholders their README says
         * the old harness filled with envsubst and sed; the scenario's upper-case vars fill them.
         */
        private String renderLegacy(String text) {
            Matcher matcher = LEGACY_PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                String value = vars.getOrDefault(name, matcher.group());
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            return matcher.appendTail(out).toString();
        }

        private String document(String jsonField, String templateField, JsonNode from) {
            if (from.hasNonNull(jsonField)) {
                return read(dir.resolve(from.get(jsonField).asText()));
            }
            if (from.hasNonNull(templateField)) {
                return renderLegacy(render(read(dir.resolve(from.get(templateField).asText()))));
            }
            return null;
        }

        CompiledPolicy identityPolicy() {
            String text = document("policy_json", "policy_template", node);
            return CompiledPolicy.parse(stripped(text), PolicyType.IDENTITY,
                    PolicySource.of("PolicyInputList.1", PolicySource.Type.NONE));
        }

        /** All {@code scp_paths} as one boundary document, as politest passes them. */
        CompiledPolicy boundary() {
            if (!node.has("scp_paths")) {
                return null;
            }
            ObjectNode merged = JSON.createObjectNode().put("Version", "2012-10-17");
            ArrayNode statements = merged.putArray("Statement");
            for (Path path : scpFiles()) {
                JsonNode statement = readJson(stripped(read(path))).get("Statement");
                if (statement.isArray()) {
                    statement.forEach(statements::add);
                } else {
                    statements.add(statement);
                }
            }
            return CompiledPolicy.parse(merged.toString(), PolicyType.IDENTITY,
                    PolicySource.of("PermissionsBoundaryPolicyInputList.1", PolicySource.Type.NONE));
        }

        CompiledPolicy resourcePolicy(JsonNode test) {
            String text = document("resource_policy_json", "resource_policy_template", test);
            if (text == null) {
                text = document("resource_policy_json", "resource_policy_template", node);
            }
            return text == null ? null : CompiledPolicy.parse(stripped(text), PolicyType.RESOURCE,
                    PolicySource.of("ResourcePolicy", PolicySource.Type.RESOURCE));
        }

        /** Parses every document of the scenario as written, metadata included (politest's strict mode). */
        void parseUnstripped() {
            PolicyParser.parse(document("policy_json", "policy_template", node), PolicyType.IDENTITY);
            String resource = document("resource_policy_json", "resource_policy_template", node);
            if (resource != null) {
                PolicyParser.parse(resource, PolicyType.RESOURCE);
            }
            for (Path path : scpFiles()) {
                PolicyParser.parse(read(path), PolicyType.IDENTITY);
            }
        }

        /** The {@code scp_paths} files, globs expanded, in order. */
        List<Path> scpFiles() {
            List<Path> files = new ArrayList<>();
            for (JsonNode path : node.path("scp_paths")) {
                Path entry = dir.resolve(path.asText());
                String name = entry.getFileName().toString();
                if (!name.contains("*")) {
                    files.add(entry);
                    continue;
                }
                try (Stream<Path> listed = Files.list(entry.getParent())) {
                    PathMatcher glob = entry.getFileSystem().getPathMatcher("glob:" + name);
                    listed.filter(p -> glob.matches(p.getFileName())).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return files;
        }

        /** Scenario context overridden key by key by the test's. */
        Map<String, ContextValue> context(JsonNode test) {
            Map<String, ContextValue> entries = new LinkedHashMap<>();
            for (JsonNode source : List.of(node.path("context"), test.path("context"))) {
                for (JsonNode entry : source) {
                    List<String> values = new ArrayList<>();
                    entry.path("ContextKeyValues").forEach(v -> values.add(render(v.asText())));
                    entries.put(entry.get("ContextKeyName").asText(), new ContextValue(
                            ContextKeyType.fromWireName(entry.get("ContextKeyType").asText()), values));
                }
            }
            return entries;
        }

        private static String stripped(String text) {
            ObjectNode policy = (ObjectNode) readJson(text);
            policy.retain(POLICY_FIELDS);
            JsonNode statement = policy.get("Statement");
            if (statement instanceof ObjectNode single) {
                single.retain(STATEMENT_FIELDS);
            } else if (statement != null) {
                for (Iterator<JsonNode> it = statement.elements(); it.hasNext(); ) {
                    ((ObjectNode) it.next()).retain(STATEMENT_FIELDS);
                }
            }
            return policy.toString();
        }

        private static JsonNode readJson(String text) {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
