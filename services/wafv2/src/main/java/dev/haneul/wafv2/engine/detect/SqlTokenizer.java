package dev.haneul.wafv2.engine.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizes a value as SQL text, starting in one of three contexts: as is (a number or an
 * expression), or just inside a single- or double-quoted string (the value was pasted into
 * {@code '...'}), in which case the first token is that string, closed by the value's first quote.
 * MySQL's executable comments ({@code /*!50000 UNION*}{@code /}) are tokenized as code. At most
 * {@link #MAX_TOKENS} tokens: an injection shows itself early.
 */
final class SqlTokenizer {

    static final int MAX_TOKENS = 24;

    private final String s;
    private int pos;
    private final List<SqlToken> out = new ArrayList<>(8);

    private SqlTokenizer(String s) {
        this.s = s;
    }

    /**
     * @param quote 0 for no context, else {@code '} or {@code "}: the value starts inside such a string
     */
    static List<SqlToken> tokenize(String input, char quote) {
        SqlTokenizer t = new SqlTokenizer(input);
        if (quote != 0) {
            t.string(quote, 0);
        }
        t.run();
        return t.out;
    }

    private void run() {
        int n = s.length();
        while (pos < n && out.size() < MAX_TOKENS) {
            char c = s.charAt(pos);
            if (isSpace(c)) {
                pos++;
            } else if (c == '\'' || c == '"') {
                string(c, pos + 1);
            } else if (c == '`') {
                int end = s.indexOf('`', pos + 1);
                end = end < 0 ? n : end;
                add('n', s.substring(pos + 1, end));
                pos = end + 1;
            } else if (c >= '0' && c <= '9' || c == '.' && pos + 1 < n && Character.isDigit(s.charAt(pos + 1))) {
                number();
            } else if (c == '@') {
                int start = pos;
                pos++;
                while (pos < n && (s.charAt(pos) == '@' || isWord(s.charAt(pos)))) {
                    pos++;
                }
                add('v', s.substring(start, pos));
            } else if (isWordStart(c)) {
                word();
            } else if (c == '-' && pos + 1 < n && s.charAt(pos + 1) == '-') {
                lineComment();
            } else if (c == '#') {
                lineComment();
            } else if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '*') {
                blockComment();
            } else if (c == '*' && pos + 1 < n && s.charAt(pos + 1) == '/') {
                pos += 2; // the end of an executable comment
            } else if (c == '(' || c == ')' || c == ',' || c == ';') {
                add(c, String.valueOf(c));
                pos++;
            } else if ((c == '|' || c == '&') && pos + 1 < n && s.charAt(pos + 1) == c) {
                add('&', s.substring(pos, pos + 2));
                pos += 2;
            } else if ("=<>!+-*/%^|&~:".indexOf(c) >= 0) {
                int start = pos;
                pos++;
                while (pos < n && "=<>!".indexOf(s.charAt(pos)) >= 0 && pos - start < 3) {
                    pos++;
                }
                add('o', s.substring(start, pos));
            } else {
                pos++; // anything else separates tokens
            }
        }
    }

    private void string(char quote, int from) {
        int n = s.length();
        int i = from;
        // The common case, no escapes: the string's text is a substring of the input.
        while (i < n && s.charAt(i) != quote && s.charAt(i) != '\\') {
            i++;
        }
        if (i == n || s.charAt(i) == quote && (i + 1 >= n || s.charAt(i + 1) != quote)) {
            add('s', s.substring(from, i), i < n);
            pos = Math.min(i + 1, n);
            return;
        }
        StringBuilder text = new StringBuilder(i - from + 16).append(s, from, i);
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n) {
                text.append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    text.append(c);
                    i += 2;
                    continue;
                }
                add('s', text.toString(), true);
                pos = i + 1;
                return;
            }
            text.append(c);
            i++;
        }
        add('s', text.toString(), false);
        pos = n;
    }

    private void number() {
        int start = pos;
        int n = s.length();
        if (s.startsWith("0x", pos) || s.startsWith("0X", pos) || s.startsWith("0b", pos) || s.startsWith("0B", pos)) {
            pos += 2;
            while (pos < n && Character.digit(s.charAt(pos), 16) >= 0) {
                pos++;
            }
        } else {
            while (pos < n && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < n && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E') && pos + 1 < n
                    && (Character.isDigit(s.charAt(pos + 1)) || s.charAt(pos + 1) == '-' || s.charAt(pos + 1) == '+')) {
                pos += 2;
                while (pos < n && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
        }
        // "1union" / "1and": MySQL reads a number then a keyword; a number glued to letters that are
        // not a keyword is one bareword ("3rd", "2fa").
        int wordEnd = pos;
        while (wordEnd < n && isWord(s.charAt(wordEnd))) {
            wordEnd++;
        }
        if (wordEnd > pos) {
            if (SqlKeywords.typeOf(s, pos, wordEnd) == 0) {
                add('n', s.substring(start, wordEnd));
                pos = wordEnd;
                return;
            }
        }
        add('1', s.substring(start, pos));
    }

    private void word() {
        int start = pos;
        int n = s.length();
        while (pos < n && (isWord(s.charAt(pos)) || s.charAt(pos) == '.' && pos + 1 < n && isWordStart(s.charAt(pos + 1)))) {
            pos++;
        }
        String word = s.substring(start, pos);
        char type = SqlKeywords.typeOf(s, start, pos);
        char t = type == 0 ? 'n' : type;
        int next = pos;
        while (next < n && isSpace(s.charAt(next))) {
            next++;
        }
        boolean call = next < n && s.charAt(next) == '(';
        if (call && (t == 'k' && word.equalsIgnoreCase("IF") || t == 'n' && word.indexOf('.') >= 0)) {
            t = 'f';
        }
        if (t == 'f' && !call) {
            t = 'n'; // a function name not called is a column name ("user", "version")
        }
        if (t == 'B' && (word.equalsIgnoreCase("ORDER") || word.equalsIgnoreCase("GROUP"))) {
            // ORDER/GROUP only mean something before BY
            int by = next;
            if (!(s.regionMatches(true, by, "BY", 0, 2) && (by + 2 >= n || !isWord(s.charAt(by + 2))))) {
                t = 'n';
            }
        }
        add(t, word);
    }

    private void lineComment() {
        int end = s.indexOf('\n', pos);
        end = end < 0 ? s.length() : end;
        add('c', s.substring(pos, end));
        pos = end;
    }

    private void blockComment() {
        if (pos + 2 < s.length() && s.charAt(pos + 2) == '!') {
            // MySQL executable comment: its content is code
            pos += 3;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            return;
        }
        int end = s.indexOf("*/", pos + 2);
        String text = end < 0 ? s.substring(pos) : s.substring(pos, end + 2);
        pos = end < 0 ? s.length() : end + 2;
        add('c', text);
    }

    private void add(char type, String text) {
        add(type, text, true);
    }

    private void add(char type, String text, boolean closed) {
        out.add(new SqlToken(type, text, closed));
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f' || c == 0xa0 || c == 0;
    }

    static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$' || c >= 0x80 && c != 0xa0;
    }

    static boolean isWord(char c) {
        return isWordStart(c) || c >= '0' && c <= '9';
    }
}
