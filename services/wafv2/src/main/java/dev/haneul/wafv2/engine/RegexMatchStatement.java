package dev.haneul.wafv2.engine;

import java.util.List;
import java.util.regex.Pattern;

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
    private static final String[] NO_PREFILTER = new String[0];

    /** Per pattern, literals one of which a content needs to match it; empty: no prefilter. */
    private final String[][] prefilters;
    /** AWS's own (managed) patterns are known to be linear: no read budget needed. */
    private final boolean trusted;

    RegexMatchStatement(FieldToMatch field, Transforms transforms, List<Pattern> patterns, boolean trusted) {
        this.field = field;
        this.transforms = transforms;
        this.patterns = List.copyOf(patterns);
        this.prefilters = new String[patterns.size()][];
        for (int i = 0; i < patterns.size(); i++) {
            String[] literals = LiteralPrefilter.of(patterns.get(i).pattern());
            prefilters[i] = literals == null ? NO_PREFILTER : literals;
        }
        this.trusted = trusted;
    }

    @Override
    public boolean matches(Evaluation ev) {
        return ev.inspect(field, transforms, this::test);
    }

    boolean test(String value) {
        for (int i = 0; i < patterns.size(); i++) {
            String[] literals = prefilters[i];
            if (literals.length > 0 && !LiteralPrefilter.anyIn(literals, value)) {
                continue;
            }
            try {
                if (patterns.get(i).matcher(trusted ? value : new BoundedCharSequence(value)).find()) {
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
