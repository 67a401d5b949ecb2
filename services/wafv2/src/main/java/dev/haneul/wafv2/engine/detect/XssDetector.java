package dev.haneul.wafv2.engine.detect;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Detects cross-site scripting in a value, the way libinjection's XSS detector does: the value is
 * tokenized as HTML (tags, attribute names and values) in each context it could land in (between
 * tags, or inside an unquoted, single- or double-quoted attribute value it could break out of), and
 * flagged when it brings executable HTML: a script-capable tag ({@code <script>}, {@code <iframe>},
 * {@code <object>}, {@code <base>}, ...), an event handler attribute ({@code onerror=}), a
 * {@code javascript:}/{@code vbscript:}/{@code data:text/html} URL in a URL attribute or at the
 * start of the value, or a style with {@code expression(}. Text with angle brackets that is not a
 * tag ({@code a < b}, {@code <3}) stays clean.
 */
public final class XssDetector {

    /** Tags that run script or load active content on sight. */
    private static final Set<String> BLACK_TAGS = Set.of("script", "iframe", "frame", "frameset", "object", "embed",
            "applet", "base", "meta", "xml", "xss", "import", "isindex", "vmlframe", "style", "link", "bgsound",
            "layer", "ilayer", "portal", "noscript", "handler", "listener", "set", "animate", "animatetransform",
            "template", "svg:script", "xmp", "plaintext");

    /** Attributes whose value is a URL (a {@code javascript:} one runs). */
    private static final Set<String> URL_ATTRIBUTES = Set.of("href", "src", "action", "formaction", "data", "xlink:href",
            "background", "dynsrc", "lowsrc", "poster", "code", "codebase", "values", "to", "from", "by", "srcdoc",
            "content", "style", "folder", "datasrc", "profile", "archive", "longdesc", "usemap", "icon", "manifest",
            "ping", "cite", "xmlns", "attributename");

    /** Event handlers common in attacks: what counts when the value may only be inside an attribute. */
    private static final Set<String> HANDLERS = Set.of("onload", "onerror", "onclick", "onmouseover", "onmouseout",
            "onmousemove", "onmousedown", "onmouseup", "onfocus", "onblur", "onchange", "onsubmit", "onkeydown",
            "onkeyup", "onkeypress", "oninput", "onanimationstart", "onanimationend", "ontransitionend",
            "onbeforeunload", "onunload", "onpageshow", "onhashchange", "onpopstate", "onresize", "onscroll",
            "ontoggle", "onstart", "onfinish", "onbegin", "onend", "onpointerover", "onpointerdown", "onpointerenter",
            "ondrag", "ondrop", "ondragstart", "oncopy", "onpaste", "oncut", "onwheel", "onauxclick", "ondblclick",
            "oncontextmenu", "onmouseenter", "onmouseleave", "onfocusin", "onfocusout", "onselect", "onsearch",
            "onplay", "onplaying", "onloadstart", "onloadeddata", "oncanplay", "onvolumechange", "ontimeupdate",
            "onreadystatechange", "onmessage", "onafterprint", "onbeforeprint", "onactivate", "onbeforeactivate",
            "onpropertychange", "onfilterchange", "onbounce", "onshow", "oninvalid", "onreset", "onstorage",
            "ontouchstart", "ontouchend", "ontouchmove", "onpointerup", "onpointermove", "onpointerleave",
            "onpointerout", "onseeked", "onseeking", "onsuspend", "onwaiting", "onratechange", "ondurationchange",
            "onemptied", "onended", "onstalled", "onabort", "onbeforescriptexecute", "onafterscriptexecute",
            "onformchange", "onforminput", "onselectstart", "onbeforecopy", "onbeforecut", "onbeforepaste");

    private XssDetector() {
    }

    /** What was found in {@code input} (the offending construct), or null. */
    public static @Nullable String detect(String input) {
        if (input.length() < 3) {
            return null;
        }
        String s = input.toLowerCase(Locale.ROOT);
        boolean lt = s.indexOf('<') >= 0;
        boolean colon = s.indexOf(':') >= 0;
        boolean eq = s.indexOf('=') >= 0;
        boolean document = s.contains("document");
        if (!lt && !colon && !eq && s.indexOf('(') < 0 && s.indexOf('`') < 0 && s.indexOf('[') < 0 && !document) {
            return null;
        }
        if (colon && (s.contains("script") || s.contains("data"))) {
            String scheme = dangerousUrlAtStart(s, 0);
            if (scheme != null) {
                return scheme;
            }
        }
        String found = lt ? scan(s, 0) : null;
        if (found == null && (s.indexOf('(') >= 0 || s.indexOf('`') >= 0 || s.indexOf('[') >= 0 || document)) {
            found = scriptCode(s);
        }
        if (found == null && eq && (colon || lt || mayNameHandler(s))) {
            // (Without a colon, a '<' or an event handler's name no attribute added here can be
            // dangerous: a quick test that spares ordinary form bodies the attribute scan.)
            // Inside an attribute value: break out with a quote or a space, then add an attribute.
            for (char quote : new char[] {'"', '\'', '`', ' '}) {
                int at = quote == ' ' ? 0 : s.indexOf(quote);
                if (at < 0) {
                    continue;
                }
                found = attributes(s, quote == ' ' ? firstSpace(s) : at + 1, null);
                if (found != null) {
                    break;
                }
            }
        }
        return found;
    }

    /** Functions that show script running when called with {@code (} or a template literal. */
    private static final String[] SINKS = {"alert", "confirm", "prompt", "eval", "settimeout", "setinterval",
        "string.fromcharcode", "atob", "btoa"};

    /** Properties whose read or write through {@code document} is what an injected script is for. */
    private static final String[] DOCUMENT_PROPERTIES = {"cookie", "domain", "write", "location"};

    /**
     * Script code without HTML, for values reflected into a script: a call of a sink
     * ({@code alert(1)}, {@code eval`..`}, no space before the parenthesis: prose puts one there),
     * {@code document.cookie} however spaced or commented, {@code window["alert"]}, a style's
     * {@code url(javascript:} or {@code -moz-binding:}.
     */
    private static @Nullable String scriptCode(String s) {
        if (s.contains("url(javascript") || s.contains("-moz-binding:")) {
            return "style"; // a style value that runs script (old IE, old Firefox)
        }
        for (String sink : SINKS) {
            for (int at = s.indexOf(sink); at >= 0; at = s.indexOf(sink, at + 1)) {
                int end = at + sink.length();
                if ((at == 0 || !isWordChar(s.charAt(at - 1))) && end < s.length()
                        && (s.charAt(end) == '(' || s.charAt(end) == '`')) {
                    return sink + s.charAt(end);
                }
            }
        }
        // document.cookie counts in code only: a path or prose may name it ("/manual/document.cookie")
        boolean code = s.contains("/*");
        for (int i = 0; i < s.length() && !code; i++) {
            code = "()[]=;+'\"`".indexOf(s.charAt(i)) >= 0;
        }
        for (int at = code ? s.indexOf("document") : -1; at >= 0; at = s.indexOf("document", at + 1)) {
            int i = skipCode(s, at + "document".length());
            while (i < s.length() && s.charAt(i) == ')') {
                i = skipCode(s, i + 1); // (document)["cookie"]
            }
            if (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == '[')) {
                i = skipCode(s, i + 1);
                if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'' || s.charAt(i) == '`')) {
                    i++;
                }
                for (String property : DOCUMENT_PROPERTIES) {
                    if (s.startsWith(property, i)) {
                        return "document." + property;
                    }
                }
            }
        }
        for (String global : new String[] {"window[", "self[", "top[", "parent[", "globalthis["}) {
            int at = s.indexOf(global);
            if (at >= 0 && (at == 0 || !isWordChar(s.charAt(at - 1)))) {
                int i = skipCode(s, at + global.length());
                if (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'' || s.charAt(i) == '`')) {
                    return global;
                }
            }
        }
        return null;
    }

    /** Skips spaces and {@code /*...*}{@code /} comments. */
    private static int skipCode(String s, int from) {
        int i = from;
        while (i < s.length()) {
            if (isSpace(s.charAt(i))) {
                i++;
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$';
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isSpace(s.charAt(i))) {
                return i;
            }
        }
        return s.length();
    }

    /** Scans for tags from {@code from}. */
    private static @Nullable String scan(String s, int from) {
        int n = s.length();
        int i = s.indexOf('<', from);
        while (i >= 0 && i + 1 < n) {
            int j = i + 1;
            if (s.charAt(j) == '/') {
                j++;
            }
            if (s.startsWith("!--", i + 1) || s.startsWith("![cdata[", i + 1) || s.startsWith("?", i + 1)
                    || s.startsWith("%", i + 1)) {
                // comments, CDATA and processing instructions can hide code for old parsers
                if (s.startsWith("![cdata[", i + 1) || s.startsWith("?import", i + 1) || s.startsWith("%", i + 1)) {
                    return s.substring(i, Math.min(n, i + 9));
                }
            }
            int nameStart = j;
            while (j < n && isNameChar(s.charAt(j))) {
                j++;
            }
            if (j > nameStart && (Character.isLetter(s.charAt(nameStart)) || s.charAt(nameStart) == ':')) {
                String tag = s.substring(nameStart, j);
                // a namespace prefix does not change what the element does (<v:vmlframe>, <x:script>)
                String local = tag.substring(tag.lastIndexOf(':') + 1);
                if (BLACK_TAGS.contains(tag) || BLACK_TAGS.contains(local) || tag.startsWith("svg:")) {
                    return "<" + tag;
                }
                String found = attributes(s, j, tag);
                if (found != null) {
                    return found;
                }
            }
            i = s.indexOf('<', i + 1);
        }
        return null;
    }

    /** Reads attributes from {@code i} until the tag ends; the offending one, or null. */
    private static @Nullable String attributes(String s, int from, @Nullable String tag) {
        int n = s.length();
        int i = from;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '>') {
                return null;
            }
            if (isSpace(c) || c == '/' || c == '"' || c == '\'' || c == '`' || c == ';') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && !isSpace(s.charAt(i)) && s.charAt(i) != '=' && s.charAt(i) != '>' && s.charAt(i) != '/') {
                i++;
            }
            String name = s.substring(nameStart, i);
            while (i < n && isSpace(s.charAt(i))) {
                i++;
            }
            String value = "";
            boolean hasValue = i < n && s.charAt(i) == '=';
            if (hasValue) {
                i++;
                while (i < n && isSpace(s.charAt(i))) {
                    i++;
                }
                if (i < n && (s.charAt(i) == '"' || s.charAt(i) == '\'' || s.charAt(i) == '`')) {
                    char q = s.charAt(i);
                    int end = s.indexOf(q, i + 1);
                    end = end < 0 ? n : end;
                    value = s.substring(i + 1, end);
                    i = end + 1;
                } else {
                    int start = i;
                    while (i < n && !isSpace(s.charAt(i)) && s.charAt(i) != '>') {
                        i++;
                    }
                    value = s.substring(start, i);
                }
            }
            if (name.length() > 4 && name.startsWith("on") && hasValue && allLetters(name)
                    && (tag != null || HANDLERS.contains(name))) {
                return name + "=";
            }
            if (hasValue && (URL_ATTRIBUTES.contains(name) || tag != null && name.equals("style"))) {
                String scheme = dangerousUrlAtStart(value, 0);
                if (scheme != null) {
                    return name + "=" + scheme;
                }
                if (name.equals("style") && (value.contains("expression(") || value.contains("url(javascript")
                        || value.contains("behavior:") || value.contains("-moz-binding"))) {
                    return "style=";
                }
                if (name.equals("srcdoc") && value.contains("<")) {
                    return "srcdoc=";
                }
            }
            if (tag == null && name.isEmpty()) {
                i++;
            }
        }
        return null;
    }

    /** Whether {@code s} holds one of {@link #HANDLERS} (anywhere: a quick, conservative test). */
    private static boolean mayNameHandler(String s) {
        for (int at = s.indexOf("on"); at >= 0; at = s.indexOf("on", at + 2)) {
            int end = at + 2;
            while (end < s.length() && s.charAt(end) >= 'a' && s.charAt(end) <= 'z') {
                end++;
            }
            if (end - at > 4 && HANDLERS.contains(s.substring(at, end))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allLetters(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A {@code javascript:}, {@code vbscript:}, {@code livescript:} or {@code data:text/html} URL
     * starting at {@code from} (control characters and spaces inside the scheme ignored, as browsers
     * do), or after a character that starts a value ({@code = ( " '}).
     */
    private static @Nullable String dangerousUrlAtStart(String s, int from) {
        int colon = s.indexOf(':', from);
        while (colon >= 0) {
            StringBuilder scheme = new StringBuilder();
            int i = colon - 1;
            while (i >= from && scheme.length() < 12) {
                char c = s.charAt(i);
                if (c <= ' ' || c == 0xa0) {
                    i--;
                    continue;
                }
                if (!Character.isLetter(c)) {
                    break;
                }
                scheme.append(c);
                i--;
            }
            String name = scheme.reverse().toString();
            boolean boundary = i < from || "=(\"'`,;>".indexOf(s.charAt(i)) >= 0 || isSpace(s.charAt(i));
            if (boundary && (name.equals("javascript") || name.equals("vbscript") || name.equals("livescript")
                    || name.equals("data") && s.startsWith("text/html", skipSpace(s, colon + 1)))) {
                String rest = s.substring(colon + 1).strip();
                if (!rest.isEmpty()) {
                    return name + ":";
                }
            }
            colon = s.indexOf(':', colon + 1);
        }
        return null;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == ':' || c == '-' || c == '_';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b || c == 0 || c == 0xa0;
    }
}
