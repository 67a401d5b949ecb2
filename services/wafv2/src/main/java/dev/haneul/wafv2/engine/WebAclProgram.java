package dev.haneul.wafv2.engine;

import dev.haneul.core.http.HttpVerdict;
import dev.haneul.wafv2.engine.InspectionRecord.Header;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A compiled web ACL's rules and settings, and the evaluation of one request against them: the
 * rules, then the default action, then the verdict (continue with inserted fields, the block
 * response, or the CAPTCHA/Challenge interstitial) and the log record.
 */
final class WebAclProgram {

    static final byte[] DEFAULT_BLOCK_PAGE = ("<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n"
            + "<center><h1>403 Forbidden</h1></center>\r\n</body>\r\n</html>\r\n").getBytes(StandardCharsets.US_ASCII);

    private final String arn;
    private final String namespace;
    private final long capacity;
    private final List<Rule> rules;
    private final RuleAction defaultAction;
    private final RuleRunner runner;
    private final boolean inspectsBody;
    private final String defaultMetricName;

    WebAclProgram(String arn, String namespace, long capacity, List<Rule> rules, RuleAction defaultAction,
                  RuleRunner.TokenPolicy tokens, boolean inspectsBody, String defaultMetricName) {
        this.arn = arn;
        this.namespace = namespace;
        this.capacity = capacity;
        this.rules = List.copyOf(rules);
        this.defaultAction = defaultAction;
        this.runner = new RuleRunner(tokens);
        this.inspectsBody = inspectsBody;
        this.defaultMetricName = defaultMetricName;
    }

    String arn() {
        return arn;
    }

    String namespace() {
        return namespace;
    }

    long capacity() {
        return capacity;
    }

    boolean inspectsBody() {
        return inspectsBody;
    }

    /** A rate-based rule by name, at the top level or inside the group rule {@code groupRuleName}. */
    @Nullable RateBasedStatement rateBased(@Nullable String groupRuleName, String ruleName) {
        for (Rule rule : rules) {
            if (groupRuleName == null && rule.name().equals(ruleName)) {
                return rule.rateBased();
            }
            Rule.GroupReference ref = rule.group();
            if (groupRuleName != null && rule.name().equals(groupRuleName) && ref != null) {
                for (Rule inner : ref.program().rules()) {
                    if (inner.name().equals(ruleName)) {
                        return inner.rateBased();
                    }
                }
            }
        }
        return null;
    }

    WafDecision evaluate(WafRequest request, long nowMillis, String httpSourceId) {
        RequestView view = new RequestView(request);
        if (request.path().equals(TokenService.VERIFY_PATH) && request.method().equals("POST")) {
            return verify(view, nowMillis, httpSourceId);
        }
        Evaluation ev = new Evaluation(view, nowMillis);
        RuleRunner.Outcome out = runner.run(rules, namespace, ev);
        RuleAction action = out.action;
        String terminatingRuleId;
        String terminatingType;
        if (action == null) {
            action = defaultAction;
            terminatingRuleId = "Default_Action";
            terminatingType = "Default_Action";
            out.metricNames.add(defaultMetricName);
            out.insertHeaders.addAll(action.insertHeaders());
        } else {
            Rule rule = out.terminatingRule;
            terminatingRuleId = rule == null ? "Default_Action" : rule.name();
            terminatingType = out.terminatingGroup == null ? (rule != null && rule.rateBased() != null ? "RATE_BASED"
                    : "REGULAR") : out.terminatingGroup.managed() ? "MANAGED_RULE_GROUP" : "GROUP";
        }
        HttpVerdict verdict;
        int responseCode = 0;
        List<Header> inserted = new ArrayList<>();
        switch (action.type()) {
            case BLOCK -> {
                RuleAction.CustomResponse custom = action.response();
                if (custom == null) {
                    responseCode = 403;
                    verdict = new HttpVerdict.Respond(403, List.of("Content-Type", "text/html"), DEFAULT_BLOCK_PAGE);
                } else {
                    responseCode = custom.status();
                    List<String> fields = new ArrayList<>(custom.headers());
                    if (custom.contentType() != null) {
                        fields.add("Content-Type");
                        fields.add(custom.contentType());
                    }
                    verdict = new HttpVerdict.Respond(custom.status(), fields, custom.body());
                }
            }
            case CAPTCHA, CHALLENGE -> {
                boolean captcha = action.type() == RuleAction.Type.CAPTCHA;
                responseCode = captcha ? 405 : 202;
                String accept = request.header("accept");
                boolean html = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
                List<String> fields = new ArrayList<>(List.of("x-amzn-waf-action", captcha ? "captcha" : "challenge",
                        "Cache-Control", "no-store"));
                byte[] body = new byte[0];
                if (html) {
                    fields.add("Content-Type");
                    fields.add("text/html; charset=UTF-8");
                    body = Interstitials.page(captcha, TokenService.nonce(nowMillis / 1000));
                }
                verdict = new HttpVerdict.Respond(responseCode, fields, body);
            }
            default -> {
                List<String> fields = dedupe(out.insertHeaders);
                for (int i = 0; i < fields.size(); i += 2) {
                    inserted.add(new Header(fields.get(i), fields.get(i + 1)));
                }
                verdict = fields.isEmpty() ? HttpVerdict.CONTINUE : new HttpVerdict.Continue(fields);
            }
        }
        Rule inner = out.terminatingInner;
        InspectionRecord record = new InspectionRecord(nowMillis, arn, terminatingRuleId, terminatingType,
                action.type() == RuleAction.Type.COUNT ? "ALLOW" : action.type().name(), out.terminatingDetails,
                "ALB", httpSourceId, httpRequest(request), out.groups, ev.rateBased, out.nonTerminating, inserted,
                responseCode, List.copyOf(ev.labels), out.metricNames, inner == null ? null : inner.name(),
                out.overriddenAction, out.captcha, out.challenge);
        return new WafDecision(verdict, record);
    }

    /** Later inserted fields of the same name win (AWS: the last matching rule's header is kept). */
    private static List<String> dedupe(List<String> fields) {
        if (fields.size() <= 2) {
            return fields;
        }
        List<String> out = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i += 2) {
            String name = fields.get(i);
            for (int j = 0; j < out.size(); j += 2) {
                if (out.get(j).equalsIgnoreCase(name)) {
                    out.remove(j);
                    out.remove(j);
                    break;
                }
            }
            out.add(name);
            out.add(fields.get(i + 1));
        }
        return out;
    }

    /** The interstitial's answer: a valid proof of work earns the token cookie. */
    private WafDecision verify(RequestView view, long nowMillis, String httpSourceId) {
        String kind = "";
        String nonce = "";
        String work = "";
        for (String pair : view.body().split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.ISO_8859_1);
            switch (pair.substring(0, eq)) {
                case "kind" -> kind = value;
                case "nonce" -> nonce = value;
                case "work" -> work = value;
                default -> { }
            }
        }
        long now = nowMillis / 1000;
        HttpVerdict verdict;
        int code;
        if (TokenService.verify(nonce, work, now)) {
            TokenService.Token old = TokenService.read(view);
            long captcha = kind.equals("captcha") ? now : old == null ? 0 : old.captchaSolved();
            String token = TokenService.token(captcha, now);
            code = 200;
            verdict = new HttpVerdict.Respond(200, List.of("Set-Cookie", TokenService.COOKIE + "=" + token
                    + "; Path=/; Max-Age=86400; SameSite=Lax; HttpOnly", "Content-Type", "application/json",
                    "Cache-Control", "no-store"), "{\"token\":\"ok\"}".getBytes(StandardCharsets.US_ASCII));
        } else {
            code = 403;
            verdict = new HttpVerdict.Respond(403, List.of("Content-Type", "text/html"), DEFAULT_BLOCK_PAGE);
        }
        InspectionRecord record = new InspectionRecord(nowMillis, arn, "Default_Action", "Default_Action",
                code == 200 ? "ALLOW" : "BLOCK", List.of(), "ALB", httpSourceId, httpRequest(view.request()), List.of(),
                List.of(), List.of(), List.of(), code, List.of(), List.of(defaultMetricName), null, null, null, null);
        return new WafDecision(verdict, record);
    }

    private static InspectionRecord.HttpRequest httpRequest(WafRequest request) {
        List<Header> headers = new ArrayList<>(request.headerCount());
        for (int i = 0; i < request.headerCount(); i++) {
            headers.add(new Header(request.headerName(i), request.headerValue(i)));
        }
        String host = request.header("host");
        String traceId = request.header("x-amzn-trace-id");
        return new InspectionRecord.HttpRequest(request.clientIp(), GeoTable.lookup(request.clientIp()).country(),
                headers, request.path(), request.query(), request.httpVersion(), request.method(),
                traceId == null ? "" : traceId, host == null ? "" : host);
    }
}
