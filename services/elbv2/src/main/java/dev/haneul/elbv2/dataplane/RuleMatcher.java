package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A listener's rules, compiled: {@link #match} returns the first rule, in priority order, whose
 * conditions all match a request; the default rule (last) matches everything.
 *
 * <p>What each condition looks at:
 * <ul>
 *   <li>{@code host-header}: the {@code Host} header without its port;</li>
 *   <li>{@code path-pattern}: the request target's path as sent (not percent-decoded), without the
 *       query;</li>
 *   <li>{@code http-header}: every instance of the named header, in order, until one matches;</li>
 *   <li>{@code http-request-method}: the method, exactly;</li>
 *   <li>{@code query-string}: each {@code key=value} pair of the query, percent-decoded; a value
 *       without key matches any pair's value;</li>
 *   <li>{@code source-ip}: the client's TCP address (never {@code X-Forwarded-For}).</li>
 * </ul>
 * The query is parsed only when a rule has a {@code query-string} condition and only once per
 * request. Thread-safe and immutable; a listener swaps in a new matcher when its rules change.
 */
public final class RuleMatcher {

    private final List<ListenerRule> rules;
    private final CompiledRule[] compiled;

    private RuleMatcher(List<ListenerRule> rules, CompiledRule[] compiled) {
        this.rules = rules;
        this.compiled = compiled;
    }

    /**
     * @param rules in evaluation order, the default rule last
     * @throws IllegalArgumentException when a value cannot be compiled (for example a bad CIDR)
     */
    public static RuleMatcher compile(List<ListenerRule> rules) {
        requireNonNull(rules, "rules");
        if (rules.isEmpty() || !rules.getLast().isDefault()) {
            throw new IllegalArgumentException("rules: " + rules + " (expected: the default rule last)");
        }
        CompiledRule[] compiled = new CompiledRule[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            List<Matcher> matchers = new ArrayList<>();
            for (Condition condition : rules.get(i).conditions()) {
                matchers.add(compile(condition));
            }
            compiled[i] = new CompiledRule(matchers.toArray(Matcher[]::new));
        }
        return new RuleMatcher(List.copyOf(rules), compiled);
    }

    private static Matcher compile(Condition condition) {
        return switch (condition) {
            case Condition.HostHeader host -> new HostMatcher(patterns(host.values(), true, false));
            case Condition.PathPattern path -> new PathMatcher(patterns(path.values(), false, false));
            case Condition.HttpHeader header -> new HeaderMatcher(AsciiString.of(header.name()),
                    patterns(header.values(), true, false));
            case Condition.RequestMethod method -> new MethodMatcher(method.values().toArray(String[]::new));
            case Condition.QueryString query -> {
                @Nullable Wildcard[] keys = new Wildcard[query.values().size()];
                Wildcard[] values = new Wildcard[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    Condition.KeyValue kv = query.values().get(i);
                    keys[i] = kv.key() == null ? null : Wildcard.compile(kv.key(), true, true);
                    values[i] = Wildcard.compile(kv.value(), true, true);
                }
                yield new QueryMatcher(keys, values);
            }
            case Condition.SourceIp source -> new SourceMatcher(source.cidrs().stream().map(Cidr::parse).toArray(Cidr[]::new));
        };
    }

    private static Wildcard[] patterns(List<String> values, boolean ignoreCase, boolean escapes) {
        return values.stream().map(v -> Wildcard.compile(v, ignoreCase, escapes)).toArray(Wildcard[]::new);
    }

    public List<ListenerRule> rules() {
        return rules;
    }

    /** The index in {@link #rules()} of the first rule that matches; the default rule's at worst. */
    public int match(HttpHead request, InetAddress client) {
        if (compiled.length == 1) {
            return 0;
        }
        Facts facts = new Facts(request, client);
        for (int i = 0; i < compiled.length - 1; i++) {
            if (compiled[i].matches(facts)) {
                return i;
            }
        }
        return compiled.length - 1;
    }

    /** The first matching rule. */
    public ListenerRule matchRule(HttpHead request, InetAddress client) {
        return rules.get(match(request, client));
    }

    /** What the conditions read from one request, each part computed at most once. */
    private static final class Facts {
        final HttpHead request;
        final InetAddress client;
        private @Nullable String host;
        private @Nullable String path;
        private @Nullable List<String[]> query;
        private @Nullable AsciiString headerName;
        private List<String> headerValues = List.of();

        Facts(HttpHead request, InetAddress client) {
            this.request = request;
            this.client = client;
        }

        String host() {
            if (host == null) {
                host = hostWithoutPort(request.get(HttpHeaderNames.HOST));
            }
            return host;
        }

        String path() {
            if (path == null) {
                path = pathOf(request.target());
            }
            return path;
        }

        List<String[]> query() {
            if (query == null) {
                query = queryPairs(request.target());
            }
            return query;
        }

        /** Every value of a header; the last header looked up is kept, as rules tend to test the same one. */
        List<String> header(AsciiString name) {
            if (!name.equals(headerName)) {
                headerName = name;
                headerValues = request.getAll(name);
            }
            return headerValues;
        }
    }

    /** The host of a {@code Host} header value, without port ({@code [::1]:80} gives {@code [::1]}). */
    static String hostWithoutPort(@Nullable String value) {
        if (value == null) {
            return "";
        }
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** The path of a request target (origin-form or absolute-form), without query or fragment. */
    static String pathOf(String uri) {
        int start = 0;
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            if (scheme > 0) {
                int slash = uri.indexOf('/', scheme + 3);
                if (slash < 0) {
                    return "/";
                }
                start = slash;
            }
        }
        int end = uri.length();
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return uri.substring(start, end);
    }

    /** The raw query of a request target, without {@code ?} and fragment; empty when none. */
    static String rawQuery(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return "";
        }
        int hash = uri.indexOf('#', q);
        return uri.substring(q + 1, hash < 0 ? uri.length() : hash);
    }

    private static List<String[]> queryPairs(String uri) {
        String raw = rawQuery(uri);
        List<String[]> pairs = new ArrayList<>();
        if (raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {decode(key), decode(value)});
        }
        return pairs;
    }

    private static String decode(String s) {
        try {
            return QueryStringDecoder.decodeComponent(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private record CompiledRule(Matcher[] matchers) {
        boolean matches(Facts facts) {
            for (Matcher matcher : matchers) {
                if (!matcher.matches(facts)) {
                    return false;
                }
            }
            return true;
        }
    }

    private interface Matcher {
        boolean matches(Facts facts);
    }

    private static boolean any(Wildcard[] patterns, String value) {
        for (Wildcard pattern : patterns) {
            if (pattern.matches(value)) {
                return true;
            }
        }
        return false;
    }

    private record HostMatcher(Wildcard[] patterns) implements Matcher {
        @Override
        public boolean matches(Facts facts) {
            return any(patterns, facts.host());
        }
    }

    private record PathMatcher(Wildcard[] patterns) implements Matcher {
        @Override
        public boolean matches(Facts facts) {
            return any(patterns, facts.path());
        }
    }

    private record HeaderMatcher(AsciiString name, Wildcard[] patterns) implements Matcher {
        @Override
        public boolean matches(Facts facts) {
            for (String value : facts.header(name)) {
                if (any(patterns, value)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record MethodMatcher(String[] methods) implements Matcher {
        @Override
        public boolean matches(Facts facts) {
            String method = facts.request.method();
            for (String m : methods) {
                if (m.equals(method)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record QueryMatcher(@Nullable Wildcard[] keys, Wildcard[] values) implements Matcher {
        @Override
        public boolean matches(Facts facts) {
            for (String[] pair : facts.query()) {
                for (int i = 0; i < values.length; i++) {
                    Wildcard key = keys[i];
                    if ((key == null || key.matches(pair[0])) && values[i].matches(pair[1])) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private record SourceMatcher(Cidr[] cidrs) implements Matcher {
        @Override
        public boolean matches(Facts facts) {
            for (Cidr cidr : cidrs) {
                if (cidr.contains(facts.client)) {
                    return true;
                }
            }
            return false;
        }
    }
}
