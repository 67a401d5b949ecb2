package dev.haneul.elbv2.dataplane;

import java.util.Locale;

/**
 * The {@code Location} of a {@code redirect} action: each component is taken from the action,
 * where {@code #{protocol}}, {@code #{host}}, {@code #{port}}, {@code #{path}} and {@code #{query}}
 * stand for the request's (the path without its leading slash), then put together as
 * {@code protocol://host:port/path?query}. The port is always written, as ALB writes it; the
 * {@code ?} only when the query is not empty.
 */
final class RedirectLocation {

    private RedirectLocation() {}

    static String of(RuleAction.Redirect action, String protocol, String host, int port, String path, String query) {
        String pathNoSlash = path.startsWith("/") ? path.substring(1) : path;
        String p = substitute(action.protocol(), protocol, host, port, pathNoSlash, query).toLowerCase(Locale.ROOT);
        String h = substitute(action.host(), protocol, host, port, pathNoSlash, query);
        String o = substitute(action.port(), protocol, host, port, pathNoSlash, query);
        String a = substitute(action.path(), protocol, host, port, pathNoSlash, query);
        String q = substitute(action.query(), protocol, host, port, pathNoSlash, query);
        StringBuilder location = new StringBuilder(p).append("://").append(h).append(':').append(o);
        if (!a.startsWith("/")) {
            location.append('/');
        }
        location.append(a);
        if (!q.isEmpty()) {
            location.append('?').append(q);
        }
        return location.toString();
    }

    private static String substitute(String template, String protocol, String host, int port, String path,
                                     String query) {
        if (template.indexOf("#{") < 0) {
            return template;
        }
        return template.replace("#{protocol}", protocol.toUpperCase(Locale.ROOT))
                .replace("#{host}", host)
                .replace("#{port}", Integer.toString(port))
                .replace("#{path}", path)
                .replace("#{query}", query);
    }
}
