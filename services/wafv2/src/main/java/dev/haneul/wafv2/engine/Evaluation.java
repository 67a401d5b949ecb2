package dev.haneul.wafv2.engine;

import dev.haneul.wafv2.engine.InspectionRecord.MatchDetail;
import dev.haneul.wafv2.engine.InspectionRecord.RateBasedEntry;
import dev.haneul.wafv2.engine.transform.TextTransformation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The state of one request's evaluation: the request, the labels added so far (later rules see
 * them), the match details of the rule being evaluated, the rate-based rules that fired. One
 * thread, one request.
 */
final class Evaluation {

    final RequestView request;
    final long nowMillis;
    final LinkedHashSet<String> labels = new LinkedHashSet<>();
    final List<MatchDetail> details = new ArrayList<>(2);
    final List<RateBasedEntry> rateBased = new ArrayList<>(1);
    /** The label namespace of the web ACL or rule group being evaluated (for relative label matches). */
    String namespace = "";

    private byte @Nullable [] client;
    private boolean clientParsed;

    Evaluation(RequestView request, long nowMillis) {
        this.request = request;
        this.nowMillis = nowMillis;
    }

    /** The TCP peer's address bytes, or null when unparseable. */
    byte @Nullable [] clientAddress() {
        if (!clientParsed) {
            client = IpAddresses.parse(request.request().clientIp());
            clientParsed = true;
        }
        return client;
    }

    /**
     * Whether any content of {@code field}, transformed, passes {@code test}; oversize handling or
     * an invalid JSON body may decide without inspection.
     */
    boolean inspect(FieldToMatch field, Transforms transforms, Predicate<String> test) {
        List<String> values = contents(field, transforms);
        if (values == null) {
            return forcedMatch;
        }
        for (int i = 0; i < values.size(); i++) {
            if (test.test(values.get(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean forcedMatch;

    /** After {@link #contents} returned null: whether the forced verdict is a match. */
    boolean forcedMatch() {
        return forcedMatch;
    }

    /**
     * The transformed contents, or null when the field's verdict was forced (see {@link #forcedMatch}).
     * Built from the cached contents of the chain's prefix, so each (field, chain start) is
     * transformed once per request however many rules share it.
     */
    @Nullable List<String> contents(FieldToMatch field, Transforms transforms) {
        List<String> values = request.cached(field.id(), transforms.id());
        if (values != null) {
            return values;
        }
        Transforms prefix = transforms.prefix();
        List<String> out;
        if (prefix == null) {
            out = new ArrayList<>(4);
            int verdict = field.collect(request, out);
            if (verdict != FieldToMatch.INSPECT) {
                forcedMatch = verdict == FieldToMatch.MATCH;
                return null;
            }
        } else {
            List<String> before = contents(field, prefix);
            if (before == null) {
                return null;
            }
            TextTransformation step = transforms.last();
            out = new ArrayList<>(before.size());
            for (int i = 0; i < before.size(); i++) {
                out.add(step.apply(before.get(i)));
            }
        }
        request.cache(field.id(), transforms.id(), out);
        return out;
    }
}
