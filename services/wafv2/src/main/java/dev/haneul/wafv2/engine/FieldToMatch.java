package dev.haneul.wafv2.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A compiled {@code FieldToMatch}: which part of the request a statement inspects, and how
 * oversize content (ALB: body over 8 KB, headers or cookies over 200 items or 8 KB) is handled.
 * {@link #collect} gathers the raw contents; the statement transforms and tests each one, and
 * matches when any one matches.
 */
public final class FieldToMatch {

    /** {@link #collect}'s verdicts: inspect what was collected, or match / do not match without inspecting. */
    static final int INSPECT = 0;
    static final int MATCH = 1;
    static final int NO_MATCH = -1;

    private static final JsonFactory JSON = new JsonFactory();

    /** The request component. */
    enum Kind { SINGLE_HEADER, SINGLE_QUERY_ARGUMENT, ALL_QUERY_ARGUMENTS, URI_PATH, QUERY_STRING, BODY, METHOD,
        JSON_BODY, HEADERS, COOKIES, HEADER_ORDER, JA3_FINGERPRINT, JA4_FINGERPRINT, URI_FRAGMENT }

    /** What a multi-part component contributes: keys, values or both ({@code MatchScope}). */
    enum Scope { ALL, KEY, VALUE }

    private final Kind kind;
    private final String name;
    private final Scope scope;
    /** Included names (headers: lower case); null for all. */
    private final Set<String> included;
    private final boolean includedIsAll;
    private final Set<String> excluded;
    private final List<String> includedPaths;
    private final int oversize;
    private final int invalidFallback;
    private final boolean evaluateAsString;
    private final String key;
    private final int id;

    FieldToMatch(Kind kind, String name, Scope scope, Set<String> included, boolean includedIsAll, Set<String> excluded,
                 List<String> includedPaths, int oversize, int invalidFallback, boolean evaluateAsString) {
        this.kind = kind;
        this.name = name;
        this.scope = scope;
        this.included = included;
        this.includedIsAll = includedIsAll;
        this.excluded = excluded;
        this.includedPaths = List.copyOf(includedPaths);
        this.oversize = oversize;
        this.invalidFallback = invalidFallback;
        this.evaluateAsString = evaluateAsString;
        this.key = kind + ":" + name + ":" + scope + ":" + included + includedIsAll + excluded + includedPaths + ":"
                + oversize + invalidFallback + evaluateAsString;
        this.id = ContentIds.field(key);
    }

    static FieldToMatch simple(Kind kind) {
        return new FieldToMatch(kind, "", Scope.VALUE, Set.of(), true, Set.of(), List.of(), INSPECT, INSPECT, false);
    }

    Kind kind() {
        return kind;
    }

    /** This field's id in request caches ({@link ContentIds}). */
    int id() {
        return id;
    }

    /** The cache key of this field's contents. */
    String key() {
        return key;
    }

    /** The location AWS logs for a match in this field. */
    String location() {
        return switch (kind) {
            case SINGLE_HEADER, HEADERS, HEADER_ORDER -> "HEADER";
            case SINGLE_QUERY_ARGUMENT, ALL_QUERY_ARGUMENTS -> "QUERY_ARGS";
            case URI_PATH, URI_FRAGMENT -> "URI";
            case QUERY_STRING -> "QUERY_STRING";
            case BODY, JSON_BODY -> "BODY";
            case METHOD -> "METHOD";
            case COOKIES -> "COOKIE";
            case JA3_FINGERPRINT, JA4_FINGERPRINT -> "TLS";
        };
    }

    /**
     * Gathers the raw contents into {@code out}.
     *
     * @return {@link #INSPECT}, or {@link #MATCH}/{@link #NO_MATCH} when oversize handling or an
     *     invalid JSON body decides without inspection
     */
    int collect(RequestView r, List<String> out) {
        WafRequest q = r.request();
        switch (kind) {
            case URI_PATH -> out.add(r.path());
            case QUERY_STRING -> out.add(r.query());
            case METHOD -> out.add(r.method());
            case URI_FRAGMENT -> out.add(""); // a fragment never reaches the server
            case JA3_FINGERPRINT, JA4_FINGERPRINT -> {
                return invalidFallback; // no TLS here: the fallback behaviour decides
            }
            case SINGLE_HEADER -> {
                StringBuilder joined = null;
                for (int i = 0; i < q.headerCount(); i++) {
                    if (q.headerName(i).equalsIgnoreCase(name)) {
                        joined = joined == null ? new StringBuilder(q.headerValue(i))
                                : joined.append(", ").append(q.headerValue(i));
                    }
                }
                if (joined != null) {
                    out.add(joined.toString());
                }
            }
            case SINGLE_QUERY_ARGUMENT -> {
                List<String> args = r.queryArgs();
                for (int i = 0; i < args.size(); i += 2) {
                    if (args.get(i).equalsIgnoreCase(name)) {
                        out.add(args.get(i + 1));
                    }
                }
            }
            case ALL_QUERY_ARGUMENTS -> {
                List<String> args = r.queryArgs();
                for (int i = 1; i < args.size(); i += 2) {
                    out.add(args.get(i));
                }
            }
            case BODY -> {
                if (r.bodyTruncated() && oversize != INSPECT) {
                    return oversize;
                }
                out.add(r.body());
            }
            case JSON_BODY -> {
                if (r.bodyTruncated() && oversize != INSPECT) {
                    return oversize;
                }
                return json(r, out);
            }
            case HEADERS -> {
                if (r.headersOversize() && oversize != INSPECT) {
                    return oversize;
                }
                int n = Math.min(q.headerCount(), RequestView.MAX_ITEMS);
                for (int i = 0; i < n; i++) {
                    String header = q.headerName(i);
                    if (selected(header.toLowerCase(Locale.ROOT))) {
                        add(out, header, q.headerValue(i));
                    }
                }
            }
            case COOKIES -> {
                if (r.cookiesOversize() && oversize != INSPECT) {
                    return oversize;
                }
                List<String> cookies = r.cookies();
                int n = Math.min(cookies.size(), 2 * RequestView.MAX_ITEMS);
                for (int i = 0; i < n; i += 2) {
                    if (selected(cookies.get(i))) {
                        add(out, cookies.get(i), cookies.get(i + 1));
                    }
                }
            }
            case HEADER_ORDER -> {
                if (q.headerCount() > RequestView.MAX_ITEMS && oversize != INSPECT) {
                    return oversize;
                }
                StringBuilder order = new StringBuilder();
                int n = Math.min(q.headerCount(), RequestView.MAX_ITEMS);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        order.append(':');
                    }
                    order.append(q.headerName(i));
                }
                out.add(order.toString());
            }
            default -> throw new IllegalStateException(kind.toString());
        }
        return INSPECT;
    }

    private boolean selected(String itemName) {
        if (!excluded.isEmpty()) {
            return !excluded.contains(itemName);
        }
        return includedIsAll || included.contains(itemName);
    }

    private void add(List<String> out, String itemKey, String value) {
        if (scope != Scope.VALUE) {
            out.add(itemKey);
        }
        if (scope != Scope.KEY) {
            out.add(value);
        }
    }

    /** JSON body: keys and/or scalar values of the selected paths; parses up to the first error. */
    private int json(RequestView r, List<String> out) {
        String body = r.body();
        if (body.isEmpty()) {
            return INSPECT;
        }
        List<String> path = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body.getBytes(StandardCharsets.ISO_8859_1))) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        advanceArray(path, index);
                        path.add(t == JsonToken.START_ARRAY ? "[" : "{");
                        index.add(-1);
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.remove(path.size() - 1);
                        index.remove(index.size() - 1);
                    }
                    case FIELD_NAME -> {
                        path.set(path.size() - 1, "{" + p.currentName());
                        if (scope != Scope.VALUE && pathSelected(path)) {
                            out.add(p.currentName());
                        }
                    }
                    default -> {
                        advanceArray(path, index);
                        if (scope != Scope.KEY && pathSelected(path)) {
                            out.add(p.getText());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (r.bodyTruncated()) {
                return INSPECT; // the parse ran into the inspection limit: inspect what was read
            }
            if (evaluateAsString) {
                out.clear();
                out.add(body);
                return INSPECT;
            }
            return invalidFallback;
        }
        return INSPECT;
    }

    private static void advanceArray(List<String> path, List<Integer> index) {
        int last = path.size() - 1;
        if (last >= 0 && path.get(last).startsWith("[")) {
            int next = index.get(last) + 1;
            index.set(last, next);
            path.set(last, "[" + next);
        }
    }

    /** Whether the current path (JSON Pointer) is an included path or under one. */
    private boolean pathSelected(List<String> path) {
        if (includedIsAll) {
            return true;
        }
        StringBuilder pointer = new StringBuilder();
        for (String segment : path) {
            if (segment.length() > 1) {
                pointer.append('/').append(segment.substring(1).replace("~", "~0").replace("/", "~1"));
            }
        }
        String current = pointer.toString();
        for (String p : includedPaths) {
            if (current.equals(p) || current.startsWith(p.endsWith("/") ? p : p + "/") || p.equals("/") || p.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    boolean isAllQueryArguments() {
        return kind == Kind.ALL_QUERY_ARGUMENTS;
    }

    boolean isJsonBody() {
        return kind == Kind.JSON_BODY;
    }
}
