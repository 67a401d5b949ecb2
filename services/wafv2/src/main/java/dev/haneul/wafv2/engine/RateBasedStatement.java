package dev.haneul.wafv2.engine;

import dev.haneul.wafv2.engine.InspectionRecord.Header;
import dev.haneul.wafv2.engine.InspectionRecord.RateBasedEntry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code RateBasedStatement}: counts the requests of each aggregation key (client IP, forwarded IP,
 * custom keys, or one constant key) that match the scope-down statement, and matches while the key's
 * count over the evaluation window exceeds the limit. A request missing any key part is neither
 * counted nor matched.
 */
final class RateBasedStatement implements Statement {

    /** One part of a custom aggregation key. */
    record KeyPart(String type, String name, @Nullable FieldToMatch field, Transforms transforms) {
    }

    private final String ruleName;
    private final long limit;
    private final int windowSeconds;
    private final String aggregateKeyType;
    private final @Nullable Statement scopeDown;
    private final @Nullable ForwardedIpConfig forwarded;
    private final List<KeyPart> customKeys;
    private final RateCounters counters;

    RateBasedStatement(String ruleName, long limit, int windowSeconds, String aggregateKeyType,
                       @Nullable Statement scopeDown, @Nullable ForwardedIpConfig forwarded, List<KeyPart> customKeys) {
        this.ruleName = ruleName;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
        this.aggregateKeyType = aggregateKeyType;
        this.scopeDown = scopeDown;
        this.forwarded = forwarded;
        this.customKeys = List.copyOf(customKeys);
        this.counters = new RateCounters(windowSeconds);
    }

    String ruleName() {
        return ruleName;
    }

    String aggregateKeyType() {
        return aggregateKeyType;
    }

    @Override
    public boolean matches(Evaluation ev) {
        if (scopeDown != null && !scopeDown.matches(ev)) {
            return false;
        }
        List<Header> parts = new ArrayList<>(2);
        String key = key(ev, parts);
        if (key == null) {
            return false;
        }
        long count = counters.add(key, ev.nowMillis);
        if (count > limit) {
            ev.rateBased.add(new RateBasedEntry(ruleName, ruleName, aggregateKeyType, limit, windowSeconds,
                    aggregateKeyType.equals("CUSTOM_KEYS") ? parts : List.of()));
            return true;
        }
        return false;
    }

    /** The aggregation key, or null when the request lacks a part of it. */
    private @Nullable String key(Evaluation ev, List<Header> parts) {
        switch (aggregateKeyType) {
            case "CONSTANT":
                return "";
            case "IP":
                return ev.request.request().clientIp();
            case "FORWARDED_IP":
                return forwardedIp(ev);
            default:
                break;
        }
        StringBuilder key = new StringBuilder();
        for (KeyPart part : customKeys) {
            String value = part(ev, part);
            if (value == null) {
                return null;
            }
            parts.add(new Header(part.type(), value));
            key.append(value.length()).append(':').append(value).append('|');
        }
        return key.toString();
    }

    private @Nullable String forwardedIp(Evaluation ev) {
        if (forwarded == null) {
            return null;
        }
        List<byte @Nullable []> addresses = forwarded.addresses(ev.request.request());
        if (addresses.isEmpty()) {
            return null;
        }
        String header = ev.request.request().header(forwarded.headerName());
        if (addresses.get(0) == null) {
            // An invalid address: MATCH fallback counts it under the header's text, NO_MATCH skips it.
            return forwarded.fallbackMatch() && header != null ? "invalid:" + header : null;
        }
        return header == null ? null : header.split(",")[0].strip();
    }

    private @Nullable String part(Evaluation ev, KeyPart part) {
        switch (part.type()) {
            case "IP":
                return ev.request.request().clientIp();
            case "ForwardedIP":
                return forwardedIp(ev);
            case "HTTPMethod":
                return ev.request.method();
            case "LabelNamespace": {
                String ns = part.name().endsWith(":") ? part.name() : part.name() + ":";
                StringBuilder found = new StringBuilder();
                for (String label : ev.labels) {
                    if (label.startsWith(ns)) {
                        found.append(label).append(',');
                    }
                }
                return found.length() == 0 ? null : found.toString();
            }
            default: {
                if (part.field() == null) {
                    return null;
                }
                List<String> values = ev.contents(part.field(), part.transforms());
                if (values == null || values.isEmpty()) {
                    return null;
                }
                return values.size() == 1 ? values.get(0) : String.join(",", values);
            }
        }
    }

    /** The keys currently limited (textual addresses for IP and FORWARDED_IP). */
    List<String> limitedKeys(long now) {
        return counters.over(limit, now);
    }
}
