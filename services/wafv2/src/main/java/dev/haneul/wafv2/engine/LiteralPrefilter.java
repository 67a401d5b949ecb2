package dev.haneul.wafv2.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Literals one of which must occur in a content for a regex to match it, found from the regex's
 * top-level alternatives ({@code (?:/web-inf|/\.git|getruntime\s*\()} needs {@code /web-inf},
 * {@code /.git} or {@code getruntime}). Most contents contain none of them, and one pass over a
 * content with a table of the literals' first two characters tells so, far cheaper than running a
 * large alternation at every position (or one {@code contains} scan per literal). Since every
 * alternative starts with its literal, no match starts before the first literal found: the regex
 * search starts there. No prefilter when some alternative has no literal prefix of two characters
 * or more, or flags are set.
 */
final class LiteralPrefilter {

    private static final int MIN_LITERAL = 2;

    /** Bit {@code (first & 0xff) << 8 | (second & 0xff)} set for each literal's first two characters. */
    private final long[] pairs = new long[1024];
    /** The distinct pairs, sorted, and the literals that start with each. */
    private final int[] pairKeys;
    private final String[][] byPair;

    private LiteralPrefilter(String[] literals) {
        TreeMap<Integer, List<String>> grouped = new TreeMap<>();
        for (String literal : literals) {
            int pair = pair(literal.charAt(0), literal.charAt(1));
            pairs[pair >>> 6] |= 1L << pair;
            grouped.computeIfAbsent(pair, k -> new ArrayList<>()).add(literal);
        }
        pairKeys = new int[grouped.size()];
        byPair = new String[grouped.size()][];
        int i = 0;
        for (Map.Entry<Integer, List<String>> e : grouped.entrySet()) {
            pairKeys[i] = e.getKey();
            byPair[i++] = e.getValue().toArray(new String[0]);
        }
    }

    /** The prefilter of {@code regex}, or null when it has none. */
    static @Nullable LiteralPrefilter forRegex(String regex) {
        String[] literals = of(regex);
        return literals == null ? null : new LiteralPrefilter(literals);
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

    /**
     * Where the first of the literals occurs in {@code content}, or -1 when none does.
     *
     * @param contentPairs the pairs of adjacent characters {@code content} holds ({@link #pairsOf}),
     *     shared by every prefilter that looks at the same content; null to scan the content here
     */
    int firstHit(String content, long @Nullable [] contentPairs) {
        if (contentPairs == null) {
            return firstHit(content);
        }
        int first = -1;
        for (int k = 0; k < pairKeys.length; k++) {
            int pair = pairKeys[k];
            if ((contentPairs[pair >>> 6] & 1L << pair) == 0) {
                continue;
            }
            for (String literal : byPair[k]) {
                int at = content.indexOf(literal);
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
        }
        return first;
    }

    /**
     * The set of adjacent character pairs in {@code content}, as the bits {@link #firstHit} tests
     * (chars above 0xff alias a Latin-1 pair: the {@code indexOf} that follows a hit decides).
     */
    static long[] pairsOf(String content) {
        // As Latin-1 bytes (a fast copy): a char above 0xff becomes '?', which only adds pairs, and
        // the pairs of a literal's occurrence (Latin-1 chars side by side) stay as they are.
        byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
        long[] set = new long[1024];
        int last = bytes.length - 1;
        for (int i = 0; i < last; i++) {
            int pair = (bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff;
            set[pair >>> 6] |= 1L << pair;
        }
        return set;
    }

    private int firstHit(String content) {
        int last = content.length() - 1;
        for (int i = 0; i < last; i++) {
            int pair = pair(content.charAt(i), content.charAt(i + 1));
            // (chars above 0xff alias a Latin-1 pair: startsWith decides)
            if ((pairs[pair >>> 6] & 1L << pair) != 0 && startsHere(content, i, pair)) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsHere(String content, int i, int pair) {
        for (String literal : byPair[Arrays.binarySearch(pairKeys, pair)]) {
            if (content.startsWith(literal, i)) {
                return true;
            }
        }
        return false;
    }

    private static int pair(char first, char second) {
        return (first & 0xff) << 8 | second & 0xff;
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
