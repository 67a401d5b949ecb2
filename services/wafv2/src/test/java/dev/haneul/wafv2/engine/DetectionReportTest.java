package dev.haneul.wafv2.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Measures detection: the CRS regression cases ({@code ../shared/corpora/waf/derived}, skipped when
 * absent) and the benign set in {@code src/test/resources/waf/benign-requests.jsonl}, through web
 * ACLs holding each managed group (and the detectors alone). Writes the table docs/waf.md shows to
 * {@code target/waf-detection.md} (tools/waf-detection-table.sh splices it in).
 */
class DetectionReportTest {

    static final String ALB_HOST = "127.10.0.5";
    static final List<String> CLASSES = List.of("sqli", "xss", "lfi", "rfi", "rce", "java", "generic", "scanner");

    /** A labelled request. */
    record Case(String kind, boolean attack, WafRequest request, int paranoia) {
    }

    static Path locateCorpus() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/corpora/waf/derived/crs-regression-cases.jsonl");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Path.of("/nonexistent");
    }

    static List<Case> crsCases(Path file) throws IOException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode c = WafFixtures.json(line);
            String expectation = c.path("expectation").asText();
            if (!expectation.equals("detect") && !expectation.equals("no_detect") || c.path("uri").isMissingNode()) {
                continue;
            }
            out.add(new Case(c.path("class").asText(), expectation.equals("detect"), request(c, c.path("data").asText("")),
                    c.path("paranoia_level").asInt(1)));
        }
        return out;
    }

    static WafRequest request(JsonNode c, String data) {
        List<String> headers = new ArrayList<>();
        boolean host = false;
        for (Map.Entry<String, JsonNode> h : c.path("headers").properties()) {
            // Requests through a Haneul ALB carry its address as Host (the CRS tool sends "localhost")
            boolean isHost = h.getKey().equalsIgnoreCase("host");
            host |= isHost;
            headers.add(h.getKey());
            headers.add(isHost ? ALB_HOST : h.getValue().asText());
        }
        if (!host) {
            headers.add("Host");
            headers.add(ALB_HOST);
        }
        String uri = c.path("uri").asText("/");
        int q = uri.indexOf('?');
        byte[] body = data.getBytes(StandardCharsets.UTF_8);
        boolean truncated = body.length > 8192;
        if (truncated) {
            body = Arrays.copyOf(body, 8192);
        }
        String method = c.path("method").asText("GET");
        return new WafRequest(method.isEmpty() ? "GET" : method, q < 0 ? uri : uri.substring(0, q),
                q < 0 ? "" : uri.substring(q + 1), headers, body, truncated, "127.0.0.1",
                c.path("version").asText("HTTP/1.1"));
    }

    static List<Case> benignCases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = DetectionReportTest.class.getResourceAsStream("/waf/benign-requests.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode c = WafFixtures.json(line);
                    out.add(new Case("benign-" + c.path("kind").asText(), false, request(c, c.path("body").asText("")), 0));
                }
            }
        }
        return out;
    }

    /** The web ACLs measured, by the name the table gives them. */
    static Map<String, CompiledWebAcl> configurations() {
        Map<String, CompiledWebAcl> acls = new LinkedHashMap<>();
        String[] groups = {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesLinuxRuleSet", "AWSManagedRulesUnixRuleSet",
            "AWSManagedRulesAdminProtectionRuleSet", "AWSManagedRulesAmazonIpReputationList"};
        for (String g : groups) {
            acls.put(g, ManagedRuleGroupsTest.withGroups(g));
        }
        acls.put("Common + SQLi + KnownBadInputs", ManagedRuleGroupsTest.withGroups(groups[0], groups[1], groups[2]));
        acls.put("All seven groups", ManagedRuleGroupsTest.withGroups(groups));
        String fields = "[{\"AllQueryArguments\":{}},{\"Body\":{\"OversizeHandling\":\"CONTINUE\"}},{\"UriPath\":{}},"
                + "{\"Cookies\":{\"MatchPattern\":{\"All\":{}},\"MatchScope\":\"ALL\",\"OversizeHandling\":\"CONTINUE\"}}]";
        acls.put("SqliMatch LOW (detector alone)", detectorAcl("SqliMatchStatement", ",\"SensitivityLevel\":\"LOW\"", fields));
        acls.put("SqliMatch HIGH (detector alone)", detectorAcl("SqliMatchStatement", ",\"SensitivityLevel\":\"HIGH\"",
                fields));
        acls.put("XssMatch (detector alone)", detectorAcl("XssMatchStatement", "", fields));
        return acls;
    }

    private static CompiledWebAcl detectorAcl(String type, String extra, String fieldsJson) {
        StringBuilder or = new StringBuilder();
        for (JsonNode f : WafFixtures.json(fieldsJson)) {
            or.append(or.length() > 0 ? "," : "").append("{\"").append(type).append("\":{\"FieldToMatch\":").append(f)
                    .append(",\"TextTransformations\":[{\"Priority\":0,\"Type\":\"URL_DECODE\"},{\"Priority\":1,"
                            + "\"Type\":\"HTML_ENTITY_DECODE\"}]").append(extra).append("}}");
        }
        return WafFixtures.compile(WafFixtures.acl("Allow", WafFixtures.rule("detector", 0,
                "{\"OrStatement\":{\"Statements\":[" + or + "]}}", "{\"Block\":{}}")));
    }

    private static String pct(int n, int d) {
        return d == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / d);
    }

    @Test
    void detectionTable() throws IOException {
        Path corpus = locateCorpus();
        assumeTrue(Files.isRegularFile(corpus), "CRS corpus absent (../shared/corpora/waf/derived)");
        List<Case> crs = crsCases(corpus);
        List<Case> benign = benignCases();
        StringBuilder table = new StringBuilder();
        table.append("| Web ACL | CRS attacks blocked | paranoia level 1 only |");
        for (String c : CLASSES) {
            table.append(' ').append(c).append(" |");
        }
        table.append(" CRS `no_detect` allowed | Benign set allowed |\n|---|---:|---:|");
        table.append("---:|".repeat(CLASSES.size())).append("---:|---:|\n");
        Map<String, int[]> results = new LinkedHashMap<>();
        for (Map.Entry<String, CompiledWebAcl> e : configurations().entrySet()) {
            CompiledWebAcl acl = e.getValue();
            int attacks = 0;
            int blocked = 0;
            int pl1 = 0;
            int pl1Blocked = 0;
            int crsBenign = 0;
            int crsBenignAllowed = 0;
            Map<String, int[]> perClass = new LinkedHashMap<>();
            String dump = System.getProperty("waf.dumpMissed", "");
            StringBuilder missed = new StringBuilder();
            for (Case c : crs) {
                boolean block = !acl.evaluate(c.request(), 0).action().equals("ALLOW");
                if (e.getKey().equals(dump) && c.attack() != block && (c.paranoia() <= 1 || !c.attack())) {
                    missed.append(c.attack() ? "MISSED " : "FP ").append(c.kind()).append(' ').append(c.request().method())
                            .append(' ').append(c.request().path()).append('?').append(c.request().query()).append(" | ")
                            .append(new String(c.request().body(), StandardCharsets.ISO_8859_1)).append(" | ")
                            .append(c.request().headers()).append('\n');
                }
                if (c.attack() && c.paranoia() <= 1) {
                    pl1++;
                    pl1Blocked += block ? 1 : 0;
                }
                if (c.attack()) {
                    attacks++;
                    blocked += block ? 1 : 0;
                    int[] counts = perClass.computeIfAbsent(c.kind(), k -> new int[2]);
                    counts[0] += block ? 1 : 0;
                    counts[1]++;
                } else {
                    crsBenign++;
                    crsBenignAllowed += block ? 0 : 1;
                }
            }
            if (!missed.isEmpty()) {
                Files.writeString(Path.of("target/waf-missed.txt"), missed);
            }
            int benignAllowed = 0;
            for (Case c : benign) {
                WafDecision d = acl.evaluate(c.request(), 0);
                benignAllowed += d.action().equals("ALLOW") ? 1 : 0;
                if (e.getKey().equals(dump) && !d.action().equals("ALLOW")) {
                    System.out.println("BENIGN BLOCKED by " + d.record().ruleNameWithinRuleGroup() + ": "
                            + c.request().path() + "?" + c.request().query() + " | "
                            + new String(c.request().body(), StandardCharsets.UTF_8));
                }
            }
            table.append("| ").append(e.getKey()).append(" | ").append(pct(blocked, attacks)).append(" | ")
                    .append(pct(pl1Blocked, pl1)).append(" |");
            for (String c : CLASSES) {
                int[] counts = perClass.getOrDefault(c, new int[2]);
                table.append(' ').append(pct(counts[0], counts[1])).append(" |");
            }
            table.append(' ').append(pct(crsBenignAllowed, crsBenign)).append(" | ").append(pct(benignAllowed, benign.size()))
                    .append(" |\n");
            results.put(e.getKey(), new int[] {blocked, attacks, benignAllowed, benign.size(),
                perClass.getOrDefault("sqli", new int[2])[0], perClass.getOrDefault("sqli", new int[2])[1],
                perClass.getOrDefault("xss", new int[2])[0], perClass.getOrDefault("xss", new int[2])[1]});
        }
        int attackCount = (int) crs.stream().filter(Case::attack).count();
        String header = "CRS regression cases: " + attackCount + " attacks (`detect`), " + (crs.size() - attackCount)
                + " benign (`no_detect`); benign set: " + benign.size() + " requests ("
                + "src/test/resources/waf/benign-requests.jsonl).\n\n";
        Path out = Path.of("target/waf-detection.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, header + table);
        System.out.println(header + table);
        // Floors, so that a change that quietly breaks detection fails here.
        int[] sqli = results.get("AWSManagedRulesSQLiRuleSet");
        assertThat(100.0 * sqli[4] / sqli[5]).as("SQLi group on CRS sqli cases").isGreaterThan(45);
        int[] crsXss = results.get("AWSManagedRulesCommonRuleSet");
        assertThat(100.0 * crsXss[6] / crsXss[7]).as("Common group on CRS xss cases").isGreaterThan(30);
        int[] baseline = results.get("Common + SQLi + KnownBadInputs");
        assertThat(100.0 * baseline[2] / baseline[3]).as("benign set allowed by Common+SQLi+KBI").isGreaterThan(95);
    }
}
