package dev.haneul.it.wafv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.haneul.it.CliExampleChecks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.testing.Corpora;
import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI reference examples of wafv2 ({@code awscli-examples/wafv2/*.rst}) that stand on
 * their own: each create command as the page shows it (with the files it reads), then the lists
 * and the managed rule group pages. Each must succeed and answer with the members the page's
 * output shows (values are the page's account's, not ours); {@code check-capacity} must also give
 * the page's number of WCUs.
 */
class WafCliExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static Path pages;

    @BeforeAll
    static void corpus() {
        assumeThat(AwsCli.binary()).as("the AWS CLI v2 (Debian package awscli)").isPresent();
        Optional<Path> root = Corpora.root();
        assumeThat(root).as("../shared/corpora (the AWS CLI examples) is not here").isPresent();
        pages = root.orElseThrow().resolve("awscli-examples/wafv2");
        assumeThat(Files.isDirectory(pages)).as("awscli-examples/wafv2 is not in the corpora").isTrue();
    }

    @Test
    void theCreateListAndCapacityExamplesRunAsThePagesShowThem(@TempDir Path dir) throws IOException {
        for (String page : List.of("create-ip-set", "create-regex-pattern-set", "create-rule-group", "create-web-acl",
                "check-capacity", "list-ip-sets", "list-regex-pattern-sets", "list-rule-groups", "list-web-acls",
                "list-available-managed-rule-groups", "describe-managed-rule-group")) {
            Page example = Page.read(pages.resolve(page + ".rst"));
            for (Map.Entry<String, String> file : example.files().entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            // The pages give blobs (a ByteMatch SearchString) as text, as CLI v1 read them; v2 wants this to do the same.
            List<String> args = new ArrayList<>(List.of("--cli-binary-format", "raw-in-base64-out"));
            example.args().stream().map(a -> a.startsWith("file://")
                    ? "file://" + dir.resolve(a.substring("file://".length())) : a).forEach(args::add);
            AwsCliResult result = haneul.awsCli().run(args.toArray(String[]::new));
            assertThat(result.exitCode()).as("%s: %s", page, result).isZero();
            if (example.output() == null) {
                continue;
            }
            JsonNode answer = result.json();
            assertThat(keys(answer, "")).as("%s: the members of the answer", page)
                    .containsAll(keys(example.output(), "").stream().filter(k -> !optional(page, k)).toList());
            if (page.equals("check-capacity")) {
                assertThat(answer.path("Capacity").asLong()).as("WCUs").isEqualTo(example.output().path("Capacity").asLong());
            }
        }
    }

    /** Members a page shows that depend on what its account held (other resources, versions) rather than on the API. */
    private static boolean optional(String page, String key) {
        return page.startsWith("list-") && !page.equals("list-available-managed-rule-groups") && key.contains("[]")
                || key.endsWith("NextMarker") || key.endsWith("SnsTopicArn");
    }

    /** Every member path of a JSON document ({@code Summary.ARN}, {@code IPSets[].Name}). */
    private static TreeSet<String> keys(JsonNode node, String prefix) {
        TreeSet<String> out = new TreeSet<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                out.add(path);
                out.addAll(keys(field.getValue(), path));
            }
        } else if (node.isArray() && !node.isEmpty()) {
            out.addAll(keys(node.get(0), prefix + "[]"));
        }
        return out;
    }

    /** One reference page: its first command, the files it reads, its output. */
    private record Page(List<String> args, Map<String, String> files, JsonNode output) {

        static Page read(Path rst) throws IOException {
            List<String> lines = Files.readAllLines(rst);
            List<String> args = null;
            Map<String, String> files = new LinkedHashMap<>();
            JsonNode output = null;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String trimmed = line.trim();
                if (args == null && trimmed.startsWith("aws wafv2 ") && line.startsWith(" ")) {
                    StringBuilder command = new StringBuilder(trimmed);
                    while (i + 1 < lines.size() && lines.get(i + 1).startsWith(" ") && !lines.get(i + 1).isBlank()) {
                        command.append(' ').append(lines.get(++i).trim());
                    }
                    args = tokens(command.toString().replace("\\", " ").substring("aws ".length()));
                } else if (trimmed.startsWith("Output::") || trimmed.startsWith("Contents of `")) {
                    StringBuilder block = new StringBuilder();
                    int j = i + 1;
                    while (j < lines.size() && (lines.get(j).isBlank() || Character.isWhitespace(lines.get(j).charAt(0)))) {
                        block.append(lines.get(j)).append('\n');
                        j++;
                    }
                    if (trimmed.startsWith("Output::")) {
                        if (output == null) {
                            output = parse(block.toString());
                        }
                    } else {
                        String name = trimmed.substring(trimmed.indexOf('`') + 1, trimmed.lastIndexOf('`'))
                                .replace("file://", "").replace("`", "");
                        files.put(name, block.toString());
                    }
                    i = j - 1;
                }
            }
            if (args == null) {
                throw new IllegalStateException(rst + " shows no command");
            }
            return new Page(args, files, output);
        }

        /** The page's output, or null when the page's JSON is broken (some pages elide with "..."). */
        private static JsonNode parse(String block) {
            try {
                return JSON.readTree(block);
            } catch (IOException e) {
                return null;
            }
        }

        private static List<String> tokens(String command) {
            return CliExampleChecks.tokens(command);
        }
    }
}
