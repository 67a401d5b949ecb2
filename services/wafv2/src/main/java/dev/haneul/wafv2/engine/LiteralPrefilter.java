package dev.haneul.wafv2.engine;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Literals one of which must occur in a content for a regex to match it, found from the regex's
 * top-level alternatives ({@code (?:/web-inf|/\.git|getruntime\s*\()} needs {@code /web-inf},
 * {@code /.git} or {@code getruntime}). A {@link String#contains} scan per literal is far cheaper
 * than running a large alternation at every position, and most contents contain none of them.
 * Null when some alternative has no literal prefix of two characters or more, or flags are set.
 */
final class LiteralPrefilter {

    private static final int MIN_LITERAL = 2;

    private LiteralPrefilter() {
    }

    static String @Nullable [] of(String regex) {
        if (regex.startsWith("(?") && !regex.startsWith("(?:")) {
            return null; // inline flags change what a literal matches
        }
        String body = regex;
        if (body.startsWith("(?:") && closingParen(body, 0) == body.length() - 1) {
            body = body.substring(3, body.length() - 1);
        }
        List<String> literals = new ArrayList<>();
        for (String alternative : topLevelAlternatives(body)) {
            String literal = leadingLiteral(alternative);
            if (literal == null || literal.length() < MIN_LITERAL) {
                return null;
            }
            literals.add(literal);
        }
        return literals.isEmpty() ? null : literals.toArray(new String[0]);
    }

    static boolean anyIn(String[] literals, String content) {
        for (String literal : literals) {
            if (content.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    private static int closingParen(String s, int open) {
        int depth = 0;
        boolean inClass = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> topLevelAlternatives(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** The literal an alternative starts with (escapes resolved), or null. */
    private static @Nullable String leadingLiteral(String alternative) {
        StringBuilder literal = new StringBuilder();
        int i = 0;
        if (alternative.startsWith("\\b")) {
            i = 2;
        }
        while (i < alternative.length()) {
            char c = alternative.charAt(i);
            char append;
            int width = 1;
            if (c == '\\') {
                if (i + 1 >= alternative.length()) {
                    return null;
                }
                char e = alternative.charAt(i + 1);
                if (Character.isLetterOrDigit(e)) {
                    break; // a class (\s, \d, \b...): the literal ends here
                }
                append = e;
                width = 2;
            } else if ("()[]{}?*+.^$|".indexOf(c) >= 0) {
                break;
            } else {
                append = c;
            }
            int next = i + width;
            if (next < alternative.length() && "?*{".indexOf(alternative.charAt(next)) >= 0) {
                break; // optional or repeated: not required
            }
            literal.append(append);
            i = next;
        }
        return literal.length() == 0 ? null : literal.toString();
    }
}
