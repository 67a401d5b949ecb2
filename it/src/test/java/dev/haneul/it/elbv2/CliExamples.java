package dev.haneul.it.elbv2;

import dev.haneul.it.CliExampleChecks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The examples of one AWS CLI reference page ({@code awscli-examples/elbv2/*.rst}), read as the
 * page shows them: each {@code aws elbv2 …} command (its indented continuation lines joined,
 * whether or not they end in a backslash), the JSON printed after it ({@code Output::}), and the
 * files it reads ({@code Contents of ``x.json``::}).
 */
record CliExamples(List<Example> examples, Map<String, String> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One command with its arguments (after {@code aws}) and its output, or {@code null} when the page shows none. */
    record Example(List<String> args, JsonNode output) {}

    static CliExamples read(Path rst) {
        List<String> lines;
        try {
            lines = Files.readAllLines(rst);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        List<String> pending = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.trim();
            if (trimmed.startsWith("aws elbv2 ") && line.startsWith(" ")) {
                if (pending != null) {
                    examples.add(new Example(pending, null));
                }
                StringBuilder command = new StringBuilder(trimmed);
                while (i + 1 < lines.size() && lines.get(i + 1).startsWith(" ") && !lines.get(i + 1).isBlank()) {
                    command.append(' ').append(lines.get(++i).trim());
                }
                pending = tokens(command.toString().replace(" \\ ", " ").replaceAll("\\\\$", "").substring(4));
            } else if (trimmed.startsWith("Output::") || trimmed.startsWith("Contents of ``")) {
                StringBuilder block = new StringBuilder();
                int j = i + 1;
                while (j < lines.size() && (lines.get(j).isBlank() || lines.get(j).startsWith(" "))) {
                    block.append(lines.get(j)).append('\n');
                    j++;
                }
                if (trimmed.startsWith("Output::")) {
                    JsonNode output = parse(block.toString());
                    if (pending != null && output != null) {
                        examples.add(new Example(pending, output));
                        pending = null;
                    }
                } else {
                    String name = trimmed.substring("Contents of ``".length(), trimmed.indexOf("``", 15));
                    files.put(name, block.toString().strip());
                }
                i = j - 1;
            }
        }
        if (pending != null) {
            examples.add(new Example(pending, null));
        }
        return new CliExamples(examples, files);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text.strip());
        } catch (IOException e) {
            return null;
        }
    }

    /** Splits a command line as a POSIX shell would, for the quoting the examples use. */
    static List<String> tokens(String command) {
        return CliExampleChecks.tokens(command);
    }

    /**
     * Differences between what the page shows and what Haneul printed: every member the example
     * has must be there with a value of the same JSON type (lists are compared by their first
     * items). Haneul may print more members than an old example shows.
     */
    static List<String> differences(JsonNode expected, JsonNode actual, String path, List<String> ignored) {
        List<String> out = new ArrayList<>();
        if (ignored.contains(path)) {
            return out;
        }
        if (actual == null || actual.isMissingNode()) {
            out.add(path + " missing");
            return out;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            out.add(path + " is " + actual.getNodeType() + ", example has " + expected.getNodeType());
            return out;
        }
        if (expected.isObject()) {
            expected.properties().forEach(e ->
                    out.addAll(differences(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey(), ignored)));
        } else if (expected.isArray() && !expected.isEmpty()) {
            if (actual.isEmpty()) {
                out.add(path + " is empty, example has items");
            } else {
                out.addAll(differences(expected.get(0), actual.get(0), path + "[]", ignored));
            }
        }
        return out;
    }
}
