package dev.haneul.wafv2.engine.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Detects SQL injection in a value, the way libinjection does: the value is tokenized as SQL in each
 * context it could have been pasted into (as is, inside {@code '...'}, inside {@code "..."}),
 * comments and unary operators are folded away, and the token sequence is judged against the shapes
 * injections take: a string broken out of and followed by a boolean or comparison ({@code ' OR 1=1},
 * {@code ') OR ('a'='a}), a quote followed by a comment ({@code admin'--}), UNION SELECT, stacked
 * statements ({@code ; DROP TABLE}), subqueries, time and file functions ({@code SLEEP(},
 * {@code LOAD_FILE(}), catalog reads ({@code information_schema}) and statements given whole
 * ({@code SELECT name FROM users}). Plain text with apostrophes ({@code O'Brien}, {@code it's}) stays
 * clean: a quote only counts when what follows it is SQL.
 *
 * <p>HIGH sensitivity (AWS's {@code SensitivityLevel}) also flags the weaker shapes: any boolean after
 * a broken string or number, a number or string followed by a comment, system variables
 * ({@code @@version}), any SQL statement anywhere.
 */
public final class SqliDetector {

    private SqliDetector() {
    }

    /**
     * The fingerprint of the injection found in {@code input} (token types, e.g. {@code s&1o1}), or null.
     *
     * @param high AWS's HIGH sensitivity: more shapes count (more detections, more false positives)
     */
    public static @Nullable String detect(String input, boolean high) {
        if (input.length() < 2) {
            return null;
        }
        if (plain(input)) {
            // a catalog name alone ("information_schema") is a probe only at HIGH sensitivity
            return high && input.indexOf(' ') < 0 && SqlKeywords.CATALOGS.contains(input.toUpperCase(Locale.ROOT))
                    ? "n" : null;
        }
        String found = detectOne(input, high);
        if (found != null) {
            return found;
        }
        // A whole body, cookie header or path: also judge each form value and path segment alone, as
        // the application will see it ("a=1 or 1=1&b=2", "/item/1 or 1=1").
        if (input.indexOf('&') < 0 && input.indexOf(';') < 0 && input.indexOf('/') < 0 && input.indexOf('\n') < 0
                && input.indexOf('=') < 0) {
            return null; // one part, no name: judged above
        }
        int parts = 0;
        int start = 0;
        int n = input.length();
        for (int i = 0; i <= n && parts < MAX_PARTS; i++) {
            char c = i < n ? input.charAt(i) : '&';
            if (c == '&' || c == ';' || c == '/' || c == '\n') {
                if (i > start) {
                    int eq = input.indexOf('=', start);
                    int valueStart = eq >= 0 && eq < i ? eq + 1 : start;
                    // (the whole input without a name was judged above; "a=1 or 1=1" alone was not)
                    if (i - valueStart >= 2 && (valueStart > 0 || i < n)) {
                        String value = input.substring(valueStart, i);
                        if (!plain(value)) {
                            found = detectOne(value, high);
                            if (found != null) {
                                return found;
                            }
                        }
                    }
                    parts++;
                }
                start = i + 1;
            }
        }
        return null;
    }

    /** How many form values or path segments of one value are judged alone, at most. */
    private static final int MAX_PARTS = 64;

    private static @Nullable String detectOne(String input, boolean high) {
        String found = judge(fold(SqlTokenizer.tokenize(input, (char) 0)), false, high);
        if (found == null && input.indexOf('\'') >= 0) {
            found = judge(fold(SqlTokenizer.tokenize(input, '\'')), true, high);
        }
        if (found == null && input.indexOf('"') >= 0) {
            found = judge(fold(SqlTokenizer.tokenize(input, '"')), true, high);
        }
        return found;
    }

    /** Letters, digits and a few harmless characters only: nothing to tokenize (the common case). */
    private static boolean plain(String input) {
        boolean space = false;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == ' ' || c == '+') {
                space = true;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                    || c == '-' && (i + 1 >= input.length() || input.charAt(i + 1) != '-'))) {
                return false;
            }
        }
        // "1 union select 1" needs no punctuation: words separated by spaces still get tokenized
        return !space;
    }

    /**
     * Tokens with the trailing/quote-break comments remembered and other noise dropped; each
     * token's upper-case text is made once, when the judge first asks for it.
     */
    record Folded(List<SqlToken> tokens, boolean commentAfterFirst, boolean endsInComment, @Nullable String[] uppers) {

        Folded(List<SqlToken> tokens, boolean commentAfterFirst, boolean endsInComment) {
            this(tokens, commentAfterFirst, endsInComment, new String[tokens.size()]);
        }

        char type(int i) {
            return i < tokens.size() ? tokens.get(i).type() : 0;
        }

        String upper(int i) {
            if (i >= tokens.size()) {
                return "";
            }
            String upper = uppers[i];
            if (upper == null) {
                upper = tokens.get(i).text().toUpperCase(Locale.ROOT);
                uppers[i] = upper;
            }
            return upper;
        }

        int size() {
            return tokens.size();
        }

        String fingerprint() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < tokens.size() && i < 8; i++) {
                sb.append(tokens.get(i).type());
            }
            return sb.toString();
        }
    }

    static Folded fold(List<SqlToken> raw) {
        List<SqlToken> out = new ArrayList<>(raw.size());
        boolean commentAfterFirst = false;
        boolean endsInComment = !raw.isEmpty() && raw.get(raw.size() - 1).type() == 'c';
        for (int i = 0; i < raw.size(); i++) {
            SqlToken t = raw.get(i);
            if (t.type() == 'c') {
                if (out.size() == 1) {
                    commentAfterFirst = true;
                }
                continue;
            }
            if (t.type() == 'o' && ("-".equals(t.text()) || "+".equals(t.text()) || "!".equals(t.text())
                    || "~".equals(t.text()))) {
                char prev = out.isEmpty() ? 0 : out.get(out.size() - 1).type();
                if (prev == 0 || prev == '(' || prev == 'o' || prev == '&' || prev == ',' || prev == 'E' || prev == 'k') {
                    continue; // unary
                }
            }
            if (t.type() == 'k' && !out.isEmpty() && out.get(out.size() - 1).type() == 'U') {
                continue; // UNION ALL / UNION DISTINCT
            }
            out.add(t);
        }
        return new Folded(out, commentAfterFirst, endsInComment);
    }

    private static @Nullable String judge(Folded f, boolean quoted, boolean high) {
        int n = f.size();
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char t = f.type(i);
            if (t == 'U') {
                int j = i + 1;
                while (f.type(j) == '(') {
                    j++;
                }
                if (f.type(j) == 'E' && f.upper(j).equals("SELECT")) {
                    return f.fingerprint();
                }
            } else if ((t == ';' || t == '(') && statementAt(f, i + 1)) {
                return f.fingerprint();
            } else if (t == 'f' && SqlKeywords.DANGEROUS_FUNCTIONS.contains(f.upper(i)) && f.type(i + 1) == '('
                    && (high || i > 0 && "&o(,;E=Uk)s1".indexOf(f.type(i - 1)) >= 0)) {
                return f.fingerprint();
            } else if (t == 'n' && SqlKeywords.CATALOGS.contains(f.upper(i))
                    && (i > 0 && f.upper(i - 1).equals("FROM") || high)) {
                return f.fingerprint();
            } else if (t == 'k' && f.upper(i).equals("INTO") && (f.upper(i + 1).equals("OUTFILE")
                    || f.upper(i + 1).equals("DUMPFILE"))) {
                return f.fingerprint();
            } else if (high && t == 'v' && f.upper(i).startsWith("@@")) {
                return f.fingerprint();
            } else if (t == 'T' && statementAt(f, i)) {
                return f.fingerprint();
            } else if (high && t == 'f' && f.type(i + 1) == '(' && !SqlKeywords.ENGLISH_FUNCTIONS.contains(f.upper(i))) {
                return f.fingerprint(); // a SQL function call: "concat(", "database("
            }
        }
        if (quoted) {
            return afterBreak(f, 1, high, true);
        }
        char first = f.type(0);
        if (first == 'E' && statementAt(f, 0)) {
            return f.fingerprint();
        }
        int start = 0;
        while (f.type(start) == '(') {
            start++;
        }
        if (f.type(start) == '1' || f.type(start) == 'n' && f.type(start + 1) == '&') {
            return afterBreak(f, start + 1, high, false);
        }
        if (first == '&' && f.type(1) == 's' && f.type(2) == 'o' && f.type(3) != 0) {
            return f.fingerprint(); // OR '{"a":1}'::jsonb @> '...': a condition appended to a WHERE clause
        }
        if (high && first == 's' && f.type(1) == '&') {
            return f.fingerprint();
        }
        return null;
    }

    /**
     * What follows a broken-out string (quoted) or a leading number/word: {@code i} is the index of
     * the first token after it.
     */
    private static @Nullable String afterBreak(Folded f, int i, boolean high, boolean quoted) {
        if (quoted && !f.tokens().get(0).closed()) {
            return null; // the value never left the string
        }
        if (quoted && f.commentAfterFirst() && (f.size() <= 2 || high)) {
            return f.fingerprint(); // admin'--  admin'#
        }
        int j = i;
        while (f.type(j) == ')') {
            j++;
        }
        char t = f.type(j);
        char next = f.type(j + 1);
        switch (t) {
            case '&': {
                if (high && next != 0 && (quoted ? "1sfv(on" : "1sfv(o").indexOf(next) >= 0 && f.type(j + 2) != 'n') {
                    return f.fingerprint();
                }
                if ("1sfv(".indexOf(next) >= 0 && next != 0) {
                    if (next == '1' || next == 's') {
                        // ' OR 1=1 / ' OR 'a'='a / ' AND 1 -- ; but not "1 or 2 rooms"
                        char after = f.type(j + 2);
                        return after == 'o' || after == 0 && (f.endsInComment() || quoted) || after == ')'
                                || after == '&' || after == ';' ? f.fingerprint() : null;
                    }
                    return f.fingerprint();
                }
                if (next == 'n' || next == 'o') {
                    char after = f.type(j + 2);
                    return after == 'o' || after == '(' || after == ')' || after == 0 && f.endsInComment() ? f.fingerprint() : null;
                }
                return null;
            }
            case 'o': {
                if (!quoted) {
                    // 1-2, 3*4, 2024-01-15: arithmetic and dates are not injections; a call or a variable may be
                    return high && next != 0 && "fv(".indexOf(next) >= 0 ? f.fingerprint() : null;
                }
                return next != 0 && "1sfvn(".indexOf(next) >= 0 ? f.fingerprint() : null;
            }
            case ';':
                return high || f.endsInComment() && f.size() == j + 1 ? f.fingerprint() : null;
            case 'B':
                return next == '1' || next == 'n' || next == 'k' || high ? f.fingerprint() : null;
            case 'k':
            case 'E':
            case 'T':
                return high ? f.fingerprint() : null;
            case 0:
                return high && f.endsInComment() ? f.fingerprint() : null;
            default:
                return null;
        }
    }

    /** Whether a whole SQL statement starts at token {@code i} (not just the English word "select"). */
    static boolean statementAt(Folded f, int i) {
        char t = f.type(i);
        String w = f.upper(i);
        if (t == 'T') {
            return switch (w) {
                case "WAITFOR" -> f.upper(i + 1).equals("DELAY") || f.upper(i + 1).equals("TIME");
                case "DECLARE" -> f.type(i + 1) == 'v';
                case "EXEC", "EXECUTE" -> f.type(i + 1) == 'f' || f.type(i + 1) == 'n' || f.type(i + 1) == '(';
                default -> true;
            };
        }
        if (t != 'E') {
            return false;
        }
        switch (w) {
            case "SELECT": {
                char next = f.type(i + 1);
                if (next == 'f' || next == 'v' || next == '1' || next == 's' || next == '(' || next == 'o'
                        && f.upper(i + 1).equals("*")) {
                    return true;
                }
                for (int j = i + 1; j < f.size() && j < i + 8; j++) {
                    if (f.upper(j).equals("FROM")) {
                        char table = f.type(j + 1);
                        char after = f.type(j + 2);
                        return (table == 'n' || table == 'f' || table == '(')
                                && (after == 0 || "kB;U)&,o".indexOf(after) >= 0);
                    }
                }
                return false;
            }
            case "DROP", "TRUNCATE", "ALTER", "CREATE":
                return f.type(i + 1) == 'k' || f.upper(i + 1).equals("USER") || f.upper(i + 1).equals("PROCEDURE")
                        || f.upper(i + 1).equals("FUNCTION");
            case "DELETE":
                return f.upper(i + 1).equals("FROM");
            case "INSERT":
                return f.upper(i + 1).equals("INTO");
            case "UPDATE":
                return f.type(i + 1) == 'n' && f.upper(i + 2).equals("SET");
            case "SHOW":
                return f.type(i + 1) == 'n' || f.type(i + 1) == 'k';
            case "SHUTDOWN":
                return true;
            default:
                return f.type(i + 1) == 'n' || f.type(i + 1) == 'k' || f.type(i + 1) == '(';
        }
    }
}
