package dev.haneul.core.protocol.rest;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A compiled {@code http.requestUri} of a rest operation: path segments that are literals, labels
 * ({@code {Id}}) or one greedy label ({@code {Key+}}, any number of segments, slashes kept), and the
 * literal query parameters after {@code ?} that a request must carry ({@code ?uploads},
 * {@code ?list-type=2}) — S3 tells many operations apart only by those.
 *
 * <p>Matching works on the raw (percent-encoded) segments, so an encoded {@code %2F} inside a label
 * stays inside that label; labels are decoded only after a match. A label matches one non-empty
 * segment; a greedy label at least one non-empty character, and the literal segments after it must
 * match the request's last segments.
 */
final class UriTemplate {

    /** One path segment of the template. */
    /** A literal segment ({@code label} null) or a label ({@code literal} null). */
    private record Segment(@Nullable String literal, @Nullable String label, boolean greedy) {

        boolean isLiteral() {
            return label == null;
        }
    }

    private final String text;
    private final Segment[] segments;
    private final int greedyIndex;
    private final Map<String, String> requiredQuery;
    private final int literalSegments;

    private UriTemplate(String text, Segment[] segments, int greedyIndex, Map<String, String> requiredQuery) {
        this.text = text;
        this.segments = segments;
        this.greedyIndex = greedyIndex;
        this.requiredQuery = requiredQuery;
        int literals = 0;
        for (Segment segment : segments) {
            if (segment.isLiteral()) {
                literals++;
            }
        }
        this.literalSegments = literals;
    }

    /**
     * Compiles {@code requestUri}.
     *
     * @throws IllegalArgumentException for a template Haneul cannot match (a label that is not a
     *     whole segment, two greedy labels)
     */
    static UriTemplate compile(String requestUri) {
        requireNonNull(requestUri, "requestUri");
        int question = requestUri.indexOf('?');
        String path = question < 0 ? requestUri : requestUri.substring(0, question);
        Map<String, String> query = new LinkedHashMap<>();
        if (question >= 0) {
            for (String part : requestUri.substring(question + 1).split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                query.put(eq < 0 ? part : part.substring(0, eq), eq < 0 ? null : part.substring(eq + 1));
            }
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("requestUri: " + requestUri + " (expected: a path starting with /)");
        }
        List<Segment> segments = new ArrayList<>();
        int greedy = -1;
        for (String raw : split(path)) {
            if (raw.startsWith("{") && raw.endsWith("}")) {
                String label = raw.substring(1, raw.length() - 1);
                boolean isGreedy = label.endsWith("+");
                if (isGreedy) {
                    if (greedy >= 0) {
                        throw new IllegalArgumentException("requestUri: " + requestUri + " (two greedy labels)");
                    }
                    greedy = segments.size();
                    label = label.substring(0, label.length() - 1);
                }
                segments.add(new Segment(null, label, isGreedy));
            } else if (raw.indexOf('{') >= 0 || raw.indexOf('}') >= 0) {
                throw new IllegalArgumentException("requestUri: " + requestUri + " (a label must be a whole segment)");
            } else {
                segments.add(new Segment(raw, null, false));
            }
        }
        return new UriTemplate(requestUri, segments.toArray(Segment[]::new), greedy, Collections.unmodifiableMap(query));
    }

    /** The segments of a path without its leading slash; {@code /} has none. */
    static String[] split(String path) {
        String body = path.startsWith("/") ? path.substring(1) : path;
        return body.isEmpty() ? new String[0] : body.split("/", -1);
    }

    /**
     * The raw (still encoded) values of the labels when {@code path} matches, else {@code null}.
     * {@code query} decides the literal query parameters.
     */
    @Nullable Map<String, String> match(String[] path, Map<String, List<String>> query) {
        if (!queryMatches(query)) {
            return null;
        }
        return matchPath(path);
    }

    /** The raw label values when the path alone matches, else {@code null}. */
    @Nullable Map<String, String> matchPath(String[] path) {
        boolean greedy = greedyIndex >= 0;
        if (greedy ? path.length < segments.length : path.length != segments.length) {
            return null;
        }
        int shift = path.length - segments.length;
        for (int i = 0; i < segments.length; i++) {
            if (i == greedyIndex) {
                continue;
            }
            Segment segment = segments[i];
            String value = path[greedy && i > greedyIndex ? i + shift : i];
            if (segment.isLiteral() ? !value.equals(segment.literal()) : value.isEmpty()) {
                return null;
            }
        }
        String greedyValue = greedy ? String.join("/", Arrays.copyOfRange(path, greedyIndex, greedyIndex + shift + 1)) : null;
        if (greedyValue != null && greedyValue.isEmpty()) { // non-null exactly when greedy
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>(4);
        for (int i = 0; i < segments.length; i++) {
            Segment segment = segments[i];
            if (i == greedyIndex) {
                labels.put(segment.label(), greedyValue);
            } else if (!segment.isLiteral()) {
                labels.put(segment.label(), path[greedy && i > greedyIndex ? i + shift : i]);
            }
        }
        return labels;
    }

    private boolean queryMatches(Map<String, List<String>> query) {
        for (Map.Entry<String, String> required : requiredQuery.entrySet()) {
            List<String> values = query.get(required.getKey());
            if (values == null || required.getValue() != null && !values.contains(required.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The query parameters the template itself carries; a query-string map member does not see them. */
    Map<String, String> requiredQuery() {
        return requiredQuery;
    }

    /**
     * Orders templates most specific first: more literal segments, then more literal query
     * parameters, then no greedy label before a greedy one, then fewer labels.
     */
    int compareSpecificity(UriTemplate other) {
        int c = Integer.compare(other.literalSegments, literalSegments);
        if (c == 0) {
            c = Integer.compare(other.requiredQuery.size(), requiredQuery.size());
        }
        if (c == 0) {
            c = Boolean.compare(greedyIndex >= 0, other.greedyIndex >= 0);
        }
        if (c == 0) {
            c = Integer.compare(segments.length - literalSegments, other.segments.length - other.literalSegments);
        }
        return c;
    }

    /** A score for choosing among services whose templates all match: higher is more specific. */
    int specificity() {
        return literalSegments * 1000 + requiredQuery.size() * 10 + (greedyIndex >= 0 ? 0 : 1);
    }

    @Override
    public String toString() {
        return text;
    }
}
