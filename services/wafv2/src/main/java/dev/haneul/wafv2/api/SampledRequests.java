package dev.haneul.wafv2.api;

import dev.haneul.wafv2.engine.InspectionRecord;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests {@code GetSampledRequests} returns: the last {@value #PER_METRIC} inspected requests
 * of each web ACL and metric name (a rule's {@code VisibilityConfig.MetricName}, or the web ACL's
 * for requests its default action handled), kept in memory only. AWS samples from the last three
 * hours; here every request is kept until the ring overflows, so each has weight 1 and
 * {@code PopulationSize} counts the kept requests in the window.
 *
 * <p>{@link #add} runs on the load balancers' event loops: one short lock per ring.
 */
final class SampledRequests {

    static final int PER_METRIC = 500;

    private final Map<String, Ring> rings = new ConcurrentHashMap<>();

    void add(InspectionRecord record) {
        for (String metric : record.matchedMetricNames()) {
            rings.computeIfAbsent(record.webAclArn() + "\n" + metric, k -> new Ring()).add(record);
        }
    }

    /** Forgets a deleted web ACL's samples. */
    void forget(String webAclArn) {
        rings.keySet().removeIf(key -> key.startsWith(webAclArn + "\n"));
    }

    /** The GetSampledRequests output for {@code [start, end]}, newest first, at most {@code max}. */
    Map<String, Object> sample(String webAclArn, String metric, Instant start, Instant end, int max) {
        Ring ring = rings.get(webAclArn + "\n" + metric);
        List<InspectionRecord> inWindow = ring == null ? List.of() : ring.between(start.toEpochMilli(), end.toEpochMilli());
        List<Object> samples = new ArrayList<>();
        for (int i = inWindow.size() - 1; i >= 0 && samples.size() < max; i--) {
            samples.add(sample(inWindow.get(i)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("SampledRequests", samples);
        out.put("PopulationSize", (long) inWindow.size());
        out.put("TimeWindow", Map.of("StartTime", start, "EndTime", end));
        return out;
    }

    private static Map<String, Object> sample(InspectionRecord record) {
        InspectionRecord.HttpRequest http = record.httpRequest();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("ClientIP", http.clientIp());
        request.put("Country", http.country());
        request.put("URI", http.args().isEmpty() ? http.uri() : http.uri() + "?" + http.args());
        request.put("Method", http.httpMethod());
        request.put("HTTPVersion", http.httpVersion());
        request.put("Headers", http.headers().stream().map(h -> (Object) Map.of("Name", h.name(), "Value", h.value())).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Request", request);
        out.put("Weight", 1L);
        out.put("Timestamp", Instant.ofEpochMilli(record.timeMillis()));
        out.put("Action", record.action());
        if (record.ruleNameWithinRuleGroup() != null) {
            out.put("RuleNameWithinRuleGroup", record.ruleNameWithinRuleGroup());
        }
        if (!record.requestHeadersInserted().isEmpty()) {
            out.put("RequestHeadersInserted", record.requestHeadersInserted().stream()
                    .map(h -> (Object) Map.of("Name", h.name(), "Value", h.value())).toList());
        }
        if (record.responseCodeSent() != 0) {
            out.put("ResponseCodeSent", record.responseCodeSent());
        }
        if (!record.labels().isEmpty()) {
            out.put("Labels", record.labels().stream().map(l -> (Object) Map.of("Name", l)).toList());
        }
        if (record.overriddenAction() != null) {
            out.put("OverriddenAction", record.overriddenAction());
        }
        return out;
    }

    private static final class Ring {
        private final ArrayDeque<InspectionRecord> records = new ArrayDeque<>();

        synchronized void add(InspectionRecord record) {
            if (records.size() == PER_METRIC) {
                records.removeFirst();
            }
            records.addLast(record);
        }

        synchronized List<InspectionRecord> between(long startMillis, long endMillis) {
            List<InspectionRecord> out = new ArrayList<>();
            for (Iterator<InspectionRecord> it = records.iterator(); it.hasNext(); ) {
                InspectionRecord record = it.next();
                if (record.timeMillis() >= startMillis && record.timeMillis() <= endMillis) {
                    out.add(record);
                }
            }
            return out;
        }
    }
}
