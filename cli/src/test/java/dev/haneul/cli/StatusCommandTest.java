package dev.haneul.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void endpointColumnsStayAlignedWithLongResourceNames() {
        ObjectNode health = health();
        ArrayNode endpoints = health.putArray("endpoints");
        endpoint(endpoints, "rds cluster db", "127.10.0.1:3306", "writer");
        String longest = "rds cluster a-cluster-identifier-of-the-longest-kind-that-aws-allows-63-chars-x";
        endpoint(endpoints, longest, "127.10.0.2:3306", "reader");
        endpoint(endpoints, "x".repeat(100), "127.10.0.3:3306", "reader");
        endpoint(endpoints, "elbv2 alb " + "web-".repeat(8) + "end", "http://127.10.2.1:8080/", "listener HTTP:80");

        List<String> lines = table(print(health), "Endpoints");
        int address = lines.getFirst().indexOf("ADDRESS");
        int role = lines.getFirst().indexOf("ROLE");
        for (String line : lines.subList(1, lines.size())) {
            assertThat(line.charAt(address - 1)).as(line).isEqualTo(' ');
            assertThat(line.substring(address)).as(line).matches("(127\\.10|http://127\\.10).*");
            assertThat(line.substring(role)).as(line).matches("(writer|reader|listener HTTP:80)");
        }
        assertThat(lines.get(1)).contains("rds cluster db ");
        assertThat(lines.get(2)).contains(longest + " ");
        // Longer than any AWS name: shortened in the middle to the column's cap, both ends kept.
        assertThat(lines.get(3)).contains("x".repeat(40) + "…" + "x".repeat(39) + " ");
        assertThat(lines.get(4)).contains("elbv2 alb web-web-");
    }

    @Test
    void aTableIsAsWideAsItsCellsNeed() {
        StringWriter text = new StringWriter();
        new TextTable("NAME", "PID").row("a", "1").row("abcdef", "22").print(new PrintWriter(text, true));
        assertThat(text.toString().lines()).containsExactly("  NAME   PID", "  a      1", "  abcdef 22");
        assertThat(TextTable.elide("0123456789", 5)).isEqualTo("01…89");
    }

    @Test
    void unreadableStateFilesAreListedWithWhatTheyHeld() {
        ObjectNode health = health();
        ObjectNode problem = health.putArray("stateProblems").addObject();
        problem.put("file", "/d/state/rds/000000000000/us-east-1.json");
        problem.put("reason", "Unexpected end-of-input");
        problem.put("preservedAs", "/d/state/rds/000000000000/us-east-1.json.corrupt-20260101T000000Z");
        problem.put("summary", "dropped: clusters board-db; instances board-db-1, board-db-2");

        String text = print(health);
        assertThat(text).contains("/d/state/rds/000000000000/us-east-1.json: Unexpected end-of-input")
                .contains("copy kept as /d/state/rds/000000000000/us-east-1.json.corrupt-20260101T000000Z")
                .contains("dropped: clusters board-db; instances board-db-1, board-db-2");
    }

    private static ObjectNode health() {
        ObjectNode health = JSON.createObjectNode();
        health.put("version", "test").put("endpoint", "http://127.0.0.1:4566").put("pid", 1).put("status", "running")
                .put("dataDir", "/d").put("endpointMode", "addresses").put("addressRange", "127.10.0.0/16")
                .put("auth", "none");
        health.putObject("services");
        return health;
    }

    private static void endpoint(ArrayNode endpoints, String resource, String address, String role) {
        endpoints.addObject().put("resource", resource).put("address", address).put("role", role);
    }

    private static String print(JsonNode health) {
        StringWriter text = new StringWriter();
        StatusCommand.print(health, new PrintWriter(text, true));
        return text.toString();
    }

    /** The lines of the table under {@code title}, header first. */
    private static List<String> table(String text, String title) {
        List<String> lines = text.lines().toList();
        int start = lines.indexOf(title) + 1;
        int end = start;
        while (end < lines.size() && !lines.get(end).isBlank()) {
            end++;
        }
        return lines.subList(start, end);
    }
}
