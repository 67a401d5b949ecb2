package dev.haneul.wafv2.engine.transform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;

/** The decoding work behind {@link TextTransformation}: Latin-1 strings in and out. */
final class Decoders {

    private static final Map<String, Character> ENTITIES = Map.ofEntries(
            Map.entry("quot", '"'), Map.entry("amp", '&'), Map.entry("lt", '<'), Map.entry("gt", '>'),
            Map.entry("nbsp", (char) 0xa0), Map.entry("apos", '\''), Map.entry("colon", ':'),
            Map.entry("lpar", '('), Map.entry("rpar", ')'), Map.entry("tab", '\t'), Map.entry("newline", '\n'),
            Map.entry("sol", '/'), Map.entry("bsol", '\\'), Map.entry("semi", ';'), Map.entry("equals", '='),
            Map.entry("excl", '!'), Map.entry("num", '#'), Map.entry("period", '.'), Map.entry("comma", ','),
            Map.entry("grave", '`'), Map.entry("lsqb", '['), Map.entry("rsqb", ']'), Map.entry("lcub", '{'),
            Map.entry("rcub", '}'), Map.entry("plus", '+'), Map.entry("percnt", '%'), Map.entry("dollar", '$'),
            Map.entry("lbrace", '{'), Map.entry("rbrace", '}'));

    private Decoders() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b || c == 0xa0;
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static boolean isHex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (hex(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int j = i; j < a.length; j++) {
                    if (a[j] >= 'A' && a[j] <= 'Z') {
                        a[j] = (char) (a[j] + 32);
                    }
                }
                return new String(a);
            }
        }
        return s;
    }

    static String asciiUpper(String s) {
        char[] a = s.toCharArray();
        boolean changed = false;
        for (int j = 0; j < a.length; j++) {
            if (a[j] >= 'a' && a[j] <= 'z') {
                a[j] = (char) (a[j] - 32);
                changed = true;
            }
        }
        return changed ? new String(a) : s;
    }

    /**
     * URL decoding: {@code +} to space, {@code %XX}, and with {@code unicode} IIS's {@code %uXXXX}
     * (full-width ASCII folded to ASCII). The input is returned as is when nothing decodes; otherwise
     * its unchanged start is copied once and the rest decoded into a char array (no per-char appends).
     */
    static String urlDecode(String s, boolean unicode) {
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) != '+' && decodedLength(s, i, unicode) == 0) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] out = new char[n];
        s.getChars(0, i, out, 0);
        int len = i;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '+') {
                out[len++] = ' ';
                i++;
                continue;
            }
            int width = c == '%' ? decodedLength(s, i, unicode) : 0;
            if (width == 6) {
                int code = hex(s.charAt(i + 2)) << 12 | hex(s.charAt(i + 3)) << 8 | hex(s.charAt(i + 4)) << 4
                        | hex(s.charAt(i + 5));
                out[len++] = code >= 0xff01 && code <= 0xff5e ? (char) (code - 0xfee0) : (char) (code & 0xff);
            } else if (width == 3) {
                out[len++] = (char) (hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
            } else {
                out[len++] = c;
                width = 1;
            }
            i += width;
        }
        return new String(out, 0, len);
    }

    /** How many chars the escape at {@code i} spans: 6 for {@code %uXXXX}, 3 for {@code %XX}, 0 for none. */
    private static int decodedLength(String s, int i, boolean unicode) {
        if (s.charAt(i) != '%') {
            return 0;
        }
        int n = s.length();
        if (unicode && i + 5 < n && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U') && isHex(s, i + 2, 4)) {
            return 6;
        }
        return isHex(s, i + 1, 2) ? 3 : 0;
    }

    /**
     * HTML entity decoding ({@code &#NN;}, {@code &#xHH;}, named entities, the {@code ;} optional).
     * The input is returned as is when it holds no entity (a form body's {@code &}s are separators).
     */
    static String htmlEntityDecode(String s) {
        int n = s.length();
        int i = s.indexOf('&');
        while (i >= 0 && entityEnd(s, i) < 0) {
            i = s.indexOf('&', i + 1);
        }
        if (i < 0) {
            return s;
        }
        char[] out = new char[n];
        s.getChars(0, i, out, 0);
        int len = i;
        while (i < n) {
            char c = s.charAt(i);
            int end = c == '&' ? entityEnd(s, i) : -1;
            if (end < 0) {
                out[len++] = c;
                i++;
                continue;
            }
            out[len++] = entityValue(s, i);
            i = end;
        }
        return new String(out, 0, len);
    }

    /** Where the entity starting with the {@code &} at {@code i} ends (exclusive), or -1 when none starts there. */
    private static int entityEnd(String s, int i) {
        int n = s.length();
        int j = i + 1;
        if (j >= n) {
            return -1;
        }
        if (s.charAt(j) == '#') {
            j++;
            boolean hexForm = j < n && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
            if (hexForm) {
                j++;
            }
            int start = j;
            while (j < n && j - start < 8 && (hexForm ? hex(s.charAt(j)) >= 0 : isDigit(s.charAt(j)))) {
                j++;
            }
            if (j == start) {
                return -1;
            }
        } else {
            int start = j;
            while (j < n && j - start < 10 && Character.isLetter(s.charAt(j))) {
                j++;
            }
            if (j == start || !ENTITIES.containsKey(s.substring(start, j).toLowerCase(Locale.ROOT))) {
                return -1;
            }
        }
        return j < n && s.charAt(j) == ';' ? j + 1 : j;
    }

    /** The character of the entity at {@code i} ({@link #entityEnd} found one there). */
    private static char entityValue(String s, int i) {
        int j = i + 1;
        if (s.charAt(j) != '#') {
            int start = j;
            while (j < s.length() && j - start < 10 && Character.isLetter(s.charAt(j))) {
                j++;
            }
            Character decoded = ENTITIES.get(s.substring(start, j).toLowerCase(Locale.ROOT));
            return decoded == null ? '&' : decoded;
        }
        j++;
        boolean hexForm = s.charAt(j) == 'x' || s.charAt(j) == 'X';
        if (hexForm) {
            j++;
        }
        int start = j;
        long value = 0;
        while (j < s.length() && j - start < 8 && (hexForm ? hex(s.charAt(j)) >= 0 : isDigit(s.charAt(j)))) {
            value = value * (hexForm ? 16 : 10) + (hexForm ? hex(s.charAt(j)) : s.charAt(j) - '0');
            j++;
        }
        return (char) (value & 0xff);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * CMD_LINE: delete {@code \ " '} (and {@code ^} for Windows), delete spaces before {@code /} and
     * {@code (}, turn {@code , ;} into spaces, collapse whitespace runs, lowercase.
     */
    static String cmdLine(String s, boolean caret, boolean lower) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '"' || c == '\'' || caret && c == '^') {
                continue;
            }
            if (c == ',' || c == ';' || isSpace(c)) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
                continue;
            }
            if ((c == '/' || c == '(') && space) {
                out.setLength(out.length() - 1);
            }
            space = false;
            out.append(lower && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return out.toString();
    }

    static String base64Decode(String s, boolean forgiving) {
        int[] quad = new int[4];
        int q = 0;
        StringBuilder out = new StringBuilder(s.length() * 3 / 4 + 1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26
                    : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
            if (v < 0) {
                if (c == '=' || forgiving) {
                    continue;
                }
                break; // strict: decoding stops at the first character outside the alphabet
            }
            quad[q++] = v;
            if (q == 4) {
                out.append((char) ((quad[0] << 2 | quad[1] >> 4) & 0xff));
                out.append((char) ((quad[1] << 4 | quad[2] >> 2) & 0xff));
                out.append((char) ((quad[2] << 6 | quad[3]) & 0xff));
                q = 0;
            }
        }
        if (q >= 2) {
            out.append((char) ((quad[0] << 2 | quad[1] >> 4) & 0xff));
        }
        if (q >= 3) {
            out.append((char) ((quad[1] << 4 | quad[2] >> 2) & 0xff));
        }
        return out.toString();
    }

    static String hexDecode(String s) {
        StringBuilder out = new StringBuilder(s.length() / 2);
        for (int i = 0; i + 1 < s.length(); i += 2) {
            int hi = hex(s.charAt(i));
            int lo = hex(s.charAt(i + 1));
            if (hi < 0 || lo < 0) {
                return s; // not a hex string: left as it is
            }
            out.append((char) (hi * 16 + lo));
        }
        return out.toString();
    }

    static String sqlHexDecode(String s) {
        int at = s.indexOf("0x");
        if (at < 0) {
            at = s.indexOf("0X");
        }
        if (at < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '0' && i + 3 < n && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && isHex(s, i + 2, 2)) {
                int j = i + 2;
                while (j + 1 < n && isHex(s, j, 2)) {
                    out.append((char) (hex(s.charAt(j)) * 16 + hex(s.charAt(j + 1))));
                    j += 2;
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static String escapeSeqDecode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                continue;
            }
            char e = s.charAt(i + 1);
            int simple = switch (e) {
                case 'a' -> 7;
                case 'b' -> 8;
                case 'f' -> 12;
                case 'n' -> 10;
                case 'r' -> 13;
                case 't' -> 9;
                case 'v' -> 11;
                case '\\' -> '\\';
                case '?' -> '?';
                case '\'' -> '\'';
                case '"' -> '"';
                default -> -1;
            };
            if (simple >= 0) {
                out.append((char) simple);
                i++;
            } else if ((e == 'x' || e == 'X') && isHex(s, i + 2, 2)) {
                out.append((char) (hex(s.charAt(i + 2)) * 16 + hex(s.charAt(i + 3))));
                i += 3;
            } else if (e >= '0' && e <= '7') {
                int j = i + 1;
                int v = 0;
                while (j < n && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                    v = v * 8 + s.charAt(j) - '0';
                    j++;
                }
                out.append((char) (v & 0xff));
                i = j - 1;
            } else {
                out.append(c); // invalid escapes are kept
            }
        }
        return out.toString();
    }

    static String cssDecode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= n) {
                break; // a trailing backslash is dropped
            }
            int j = i + 1;
            int v = 0;
            while (j < n && j < i + 7 && hex(s.charAt(j)) >= 0) {
                v = v * 16 + hex(s.charAt(j));
                j++;
            }
            if (j > i + 1) {
                int code = v;
                if (code >= 0xff01 && code <= 0xff5e) {
                    code -= 0xfee0;
                }
                out.append((char) (code & 0xff));
                if (j < n && s.charAt(j) == ' ') {
                    j++; // one whitespace ends a hex escape
                }
                i = j - 1;
            } else if (s.charAt(j) == '\n') {
                i = j; // line continuation
            } else {
                out.append(s.charAt(j)); // backslash before a non-hex char is removed (ja\vascript)
                i = j;
            }
        }
        return out.toString();
    }

    static String jsDecode(String s, boolean extended) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                out.append(c);
                continue;
            }
            char e = s.charAt(i + 1);
            if (e == 'u' && isHex(s, i + 2, 4)) {
                int code = Integer.parseInt(s.substring(i + 2, i + 6), 16);
                if (code >= 0xff01 && code <= 0xff5e) {
                    code -= 0xfee0;
                }
                out.append((char) (code & 0xff));
                i += 5;
            } else if (extended && e == 'u' && i + 2 < n && s.charAt(i + 2) == '{') {
                int close = s.indexOf('}', i + 3);
                if (close > i + 3 && close - i - 3 <= 6 && isHex(s, i + 3, close - i - 3)) {
                    out.append((char) (Integer.parseInt(s.substring(i + 3, close), 16) & 0xff));
                    i = close;
                } else {
                    out.append(e);
                    i++;
                }
            } else if (e == 'x' && isHex(s, i + 2, 2)) {
                out.append((char) (hex(s.charAt(i + 2)) * 16 + hex(s.charAt(i + 3))));
                i += 3;
            } else if (e >= '0' && e <= '7') {
                int j = i + 1;
                int v = 0;
                while (j < n && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                    v = v * 8 + s.charAt(j) - '0';
                    j++;
                }
                out.append((char) (v & 0xff));
                i = j - 1;
            } else {
                char simple = switch (e) {
                    case 'a' -> 7;
                    case 'b' -> 8;
                    case 'f' -> 12;
                    case 'n' -> 10;
                    case 'r' -> 13;
                    case 't' -> 9;
                    case 'v' -> 11;
                    default -> e;
                };
                out.append(simple);
                i++;
            }
        }
        return out.toString();
    }

    static String normalizePath(String s, boolean windows) {
        String p = windows ? s.replace('\\', '/') : s;
        if (p.isEmpty()) {
            return p;
        }
        boolean absolute = p.charAt(0) == '/';
        boolean trailing = p.endsWith("/") || p.endsWith("/.") || p.endsWith("/..");
        String[] parts = p.split("/+");
        ArrayDeque<String> stack = new ArrayDeque<>();
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!stack.isEmpty() && !stack.peekLast().equals("..")) {
                    stack.removeLast();
                } else if (!absolute) {
                    stack.addLast(part); // a back reference at the start is kept
                }
                continue;
            }
            stack.addLast(part);
        }
        String joined = String.join("/", stack);
        StringBuilder out = new StringBuilder(joined.length() + 2);
        if (absolute) {
            out.append('/');
        }
        out.append(joined);
        if (trailing && !joined.isEmpty()) {
            out.append('/');
        }
        return out.toString();
    }

    static String replaceComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            if (s.charAt(i) == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                out.append(' ');
                if (end < 0) {
                    break;
                }
                i = end + 2;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    static String removeCommentChars(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if ((c == '/' && i + 1 < n && s.charAt(i + 1) == '*') || (c == '*' && i + 1 < n && s.charAt(i + 1) == '/')
                    || (c == '-' && i + 1 < n && s.charAt(i + 1) == '-')) {
                i++;
                continue;
            }
            if (c == '#') {
                continue;
            }
            out.append(c);
        }
        return out.length() == s.length() ? s : out.toString();
    }

    /** UTF8_TO_UNICODE: multi-byte UTF-8 sequences become {@code %uHHHH}, as ModSecurity's utf8toUnicode. */
    static String utf8ToUnicode(String s) {
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                high = true;
                break;
            }
        }
        if (!high) {
            return s;
        }
        String decoded = new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(decoded.length() + 16);
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x80) {
                out.append(c);
            } else {
                out.append(String.format(Locale.ROOT, "%%u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
