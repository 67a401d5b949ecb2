package dev.haneul.wafv2.engine;

import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code RegexMatchStatement} and {@code RegexPatternSetReferenceStatement}: the transformed content
 * against one or more patterns (a match of any). Patterns are compiled once, with
 * {@link java.util.regex} (close to the PCRE syntax AWS supports); a search that runs out of its
 * budget counts as no match.
 */
final class RegexMatchStatement implements Statement {

    private final FieldToMatch field;
    private final Transforms transforms;
    private final List<Pattern> patterns;
    /** Per pattern, the literals one of which a content needs to match it; null: no prefilter. */
    private final @Nullable LiteralPrefilter[] prefilters;
    /** Contents this long or longer get their character pairs collected once per request (shorter: scanned here). */
    private static final int SHARED_SCAN_FROM = 128;
    /** AWS's own (managed) patterns are known to be linear: no read budget needed. */
    private final boolean trusted;

    RegexMatchStatement(FieldToMatch field, Transforms transforms, List<Pattern> patterns, boolean trusted) {
        this.field = field;
        this.transforms = transforms;
        this.patterns = List.copyOf(patterns);
        this.prefilters = new LiteralPrefilter[patterns.size()];
        for (int i = 0; i < patterns.size(); i++) {
            prefilters[i] = LiteralPrefilter.forRegex(patterns.get(i).pattern());
        }
        this.trusted = trusted;
    }

    @Override
    public boolean matches(Evaluation ev) {
        RequestView request = ev.request;
        return ev.inspect(field, transforms, value -> test(value, request));
    }

    private boolean test(String value, RequestView request) {
        for (int i = 0; i < patterns.size(); i++) {
            LiteralPrefilter prefilter = prefilters[i];
            int from = prefilter == null ? 0
                    : prefilter.firstHit(value, value.length() < SHARED_SCAN_FROM ? null : request.literalPairs(value));
            if (from < 0) {
                continue;
            }
            try {
                if (patterns.get(i).matcher(trusted ? value : new BoundedCharSequence(value)).find(from)) {
                    return true;
                }
            } catch (BoundedCharSequence.BudgetExceeded e) {
                // no match: the same answer a bounded engine gives up with
            } catch (StackOverflowError e) {
                // deep recursion in java.util.regex on a long alternation: no match
            }
        }
        return false;
    }
}
