package dev.haneul.it.s3;

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
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS CLI's own {@code aws s3api} examples ({@code ../shared/corpora/awscli-examples/s3api}),
 * run as written against buckets and objects they expect (local file names made absolute): each
 * succeeds, and where the example shows its output, ours has every key it shows, of the same JSON
 * type. Examples Haneul does not emulate (MFA delete) are listed in {@link #SKIPPED} with why.
 */
class S3CliExamplesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The examples' bucket: S3 reserves the {@code amzn-s3-demo-} prefix for documentation (creating
     * such a bucket is InvalidBucketName, on AWS as here), so the examples run on this name instead.
     */
    private static final String DOC_BUCKET = "amzn-s3-demo-bucket";
    private static final String BUCKET = "example-bucket";

    /** Example commands not run, each with the reason. */
    private static final Set<String> SKIPPED = Set.of(
            "--mfa", // MFA delete needs a real MFA device
            ">"); // shell redirection into a file: the command before it is run on its own elsewhere

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @TempDir
    static Path work;

    @BeforeAll
    static void buckets() throws IOException {
        assumeThat(AwsCli.binary()).as("the AWS CLI is installed").isPresent();
        for (String bucket : List.of(BUCKET, "text-content")) {
            run("s3api", "create-bucket", "--bucket", bucket);
        }
        Path data = work.resolve("seed.bin");
        Files.write(data, new byte[20_000]);
        for (String key : List.of("index.html", "test.txt", "doc1.rtf", "doc2.rtf", "doc3.rtf")) {
            run("s3api", "put-object", "--bucket", BUCKET, "--key", key, "--body", data.toString(),
                    "--content-type", key.endsWith(".html") ? "text/html" : "text/plain");
        }
        for (String key : List.of("dir/my_images.tar.bz2", "dir/my_data")) {
            run("s3api", "put-object", "--bucket", "text-content", "--key", key, "--body", data.toString());
        }
        // The examples' bucket has had versioning (head-object shows "VersionId": "null").
        run("s3api", "put-bucket-versioning", "--bucket", BUCKET, "--versioning-configuration", "Status=Enabled");
        Files.writeString(work.resolve("policy.json"), "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + BUCKET + "/*\"}]}");
        run("s3api", "put-bucket-policy", "--bucket", BUCKET, "--policy",
                "file://" + work.resolve("policy.json"));
    }

    private static AwsCliResult run(String... args) {
        AwsCliResult result = haneul.awsCli().run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result).isZero();
        return result;
    }

    @TestFactory
    Stream<DynamicTest> everyExampleRuns() throws IOException {
        Path dir = Corpora.require("awscli-examples/s3api");
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            // Deleting comes last (the bucket at the very end), so the other examples find what they need.
            files = list.filter(f -> f.toString().endsWith(".rst"))
                    .sorted(Comparator.comparingInt(S3CliExamplesIT::order).thenComparing(Path::getFileName)).toList();
        }
        for (Path file : files) {
            List<Example> examples = examples(Files.readString(file));
            for (int i = 0; i < examples.size(); i++) {
                Example example = examples.get(i);
                String name = file.getFileName() + " #" + (i + 1);
                tests.add(DynamicTest.dynamicTest(name, () -> check(example)));
            }
        }
        return tests.stream();
    }

    private static int order(Path file) {
        String name = file.getFileName().toString();
        return name.equals("delete-bucket.rst") ? 2 : name.startsWith("delete-") ? 1 : 0;
    }

    private static int created;

    private static void check(Example example) throws IOException {
        for (String skip : SKIPPED) {
            if (example.args().contains(skip)) {
                return;
            }
        }
        List<String> args = localFiles(example.args()).stream().map(a -> a.equals(DOC_BUCKET) ? BUCKET : a).toList();
        String operation = args.get(1);
        if (operation.equals("create-bucket")) {
            // Each creation gets a bucket of its own: the examples all name the one the others use.
            String fresh = "example-created-" + ++created;
            args = args.stream().map(a -> a.equals(BUCKET) ? fresh : a).toList();
        } else if (operation.equals("delete-bucket")) {
            emptyVersionedBucket(); // the example deletes an empty bucket
        }
        AwsCliResult result = haneul.awsCli().run(args.toArray(String[]::new));
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result).isZero();
        if (example.output() != null && example.output().isObject() && !result.stdout().isBlank()) {
            JsonNode ours = result.json();
            Iterator<String> names = example.output().fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                assertThat(ours.has(name)).as(name + " in " + ours).isTrue();
                assertThat(ours.get(name).getNodeType()).as(name).isEqualTo(example.output().get(name).getNodeType());
            }
        }
    }

    /** Deletes every version and delete marker of the examples' bucket. */
    private static void emptyVersionedBucket() {
        JsonNode listing = run("s3api", "list-object-versions", "--bucket", BUCKET).json();
        for (String kind : List.of("Versions", "DeleteMarkers")) {
            for (JsonNode version : listing.path(kind)) {
                run("s3api", "delete-object", "--bucket", BUCKET, "--key", version.path("Key").asText(),
                        "--version-id", version.path("VersionId").asText());
            }
        }
    }

    /** Local files named by the example, made absolute in the work dir (created when read). */
    private static List<String> localFiles(List<String> args) throws IOException {
        List<String> out = new ArrayList<>(args.size());
        String operation = args.size() > 2 ? args.get(2) : "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String previous = i > 0 ? args.get(i - 1) : "";
            if (previous.equals("--body")) {
                Path file = work.resolve(Path.of(arg).getFileName());
                if (!Files.exists(file)) {
                    Files.writeString(file, "example body " + arg);
                }
                out.add(file.toString());
            } else if (arg.startsWith("file://") && !arg.startsWith("file:///")) {
                out.add("file://" + work.resolve(arg.substring("file://".length())));
            } else if (operation.equals("get-object") && i == args.size() - 1 && !arg.startsWith("-")
                    && !previous.startsWith("--")) {
                out.add(work.resolve(arg).toString()); // the outfile
            } else {
                out.add(arg);
            }
        }
        return out.subList(1, out.size()); // without "aws"
    }

    record Example(List<String> args, JsonNode output) {}

    /** Each {@code aws s3api …} command of an rst file, with the Output JSON shown right after it. */
    static List<Example> examples(String rst) {
        List<Example> examples = new ArrayList<>();
        String[] lines = rst.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("aws s3api ")) {
                continue;
            }
            StringBuilder command = new StringBuilder();
            while (line.endsWith("\\") && i + 1 < lines.length) {
                command.append(line, 0, line.length() - 1).append(' ');
                line = lines[++i].strip();
            }
            command.append(line);
            JsonNode output = null;
            for (int j = i + 1; j < lines.length && !lines[j].strip().startsWith("aws "); j++) {
                if (lines[j].strip().equals("Output::")) {
                    output = json(lines, j + 1);
                    break;
                }
            }
            examples.add(new Example(tokens(command.toString()), output));
        }
        return examples;
    }

    private static JsonNode json(String[] lines, int from) {
        StringBuilder text = new StringBuilder();
        int i = from;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        while (i < lines.length && (lines[i].isBlank() || lines[i].startsWith(" "))) {
            text.append(lines[i]).append('\n');
            i++;
        }
        try {
            return JSON.readTree(text.toString());
        } catch (IOException e) {
            return null; // not JSON (text output)
        }
    }

    /** Shell-like words: spaces separate, single and double quotes group. */
    static List<String> tokens(String command) {
        return CliExampleChecks.tokens(command);
    }
}
