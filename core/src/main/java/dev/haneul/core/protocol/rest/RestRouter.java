package dev.haneul.core.protocol.rest;

import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.WireRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A rest service's operations by HTTP method and {@link UriTemplate}, compiled once from the model.
 *
 * <p>Several operations may share a method and template; S3 tells them apart by what the request
 * carries: literal query parameters ({@code GET /{Bucket}?list-type=2} is ListObjectsV2), required
 * input members bound to the query string or headers ({@code PUT /{Bucket}/{Key+}} is UploadPartCopy
 * with {@code x-amz-copy-source}, {@code partNumber} and {@code uploadId}, UploadPart with the two
 * parameters, CopyObject with the header, PutObject with none), and the {@code x-id} parameter the
 * AWS SDKs add to such URIs ({@code ?x-id=PutObject}). The candidates of a request are tried most
 * specific first — literal segments, literal query parameters, required bindings, then operations
 * not marked deprecated, then model order — and the first match wins. A path with a trailing slash
 * that matches nothing is tried once more without it ({@code GET /bucket/}).
 *
 * <p>Per request only a few candidates are tested: routes are indexed by method, and routes with
 * literal query parameters by the first of them, so only those whose parameter the request
 * carries are looked at.
 */
final class RestRouter {

    /** The operation a request names, with its labels' raw (still encoded) values. */
    record Match(OperationModel operation, UriTemplate template, Map<String, String> rawLabels, int score) {}

    /** One operation's route: its template and the query parameters and headers its input requires. */
    private record Route(OperationModel operation, UriTemplate template, List<String> requiredQuery,
                         List<String> requiredHeaders, int order) {

        int bindings() {
            return requiredQuery.size() + requiredHeaders.size();
        }

        boolean carries(WireRequest request, Map<String, List<String>> query) {
            for (String name : requiredQuery) {
                if (!query.containsKey(name)) {
                    return false;
                }
            }
            for (String name : requiredHeaders) {
                if (request.headerValues(name).isEmpty()) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final Comparator<Route> MOST_SPECIFIC_FIRST = ((Comparator<Route>) (a, b) ->
            a.template().compareSpecificity(b.template()))
            .thenComparing(Comparator.comparingInt(Route::bindings).reversed())
            .thenComparing(route -> route.operation().deprecated())
            .thenComparingInt(Route::order);

    /** Per method: routes without literal query parameters, and the others by their first one. */
    private record MethodRoutes(List<Route> plain, Map<String, List<Route>> byQueryParameter) {}

    private final Map<String, MethodRoutes> byMethod = new HashMap<>();
    private final Map<String, Route> byName = new HashMap<>();
    private final List<Route> all = new ArrayList<>();

    RestRouter(ServiceModel model) {
        Map<String, List<Route>> routes = new HashMap<>();
        int order = 0;
        for (OperationModel operation : model.operations().values()) {
            UriTemplate template;
            try {
                template = UriTemplate.compile(operation.http().requestUri());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(model.serviceId() + " " + operation.name() + ": " + e.getMessage(), e);
            }
            List<String> query = new ArrayList<>();
            List<String> headers = new ArrayList<>();
            operation.input().ifPresent(shape -> requiredBindings(shape, query, headers));
            Route route = new Route(operation, template, List.copyOf(query), List.copyOf(headers), order++);
            routes.computeIfAbsent(operation.http().method(), m -> new ArrayList<>()).add(route);
            byName.put(operation.name(), route);
            all.add(route);
        }
        routes.forEach((method, list) -> {
            List<Route> plain = new ArrayList<>();
            Map<String, List<Route>> byQuery = new HashMap<>();
            for (Route route : list) {
                TreeSet<String> literals = new TreeSet<>(route.template().requiredQuery().keySet());
                if (literals.isEmpty()) {
                    plain.add(route);
                } else {
                    byQuery.computeIfAbsent(literals.first(), k -> new ArrayList<>()).add(route);
                }
            }
            plain.sort(MOST_SPECIFIC_FIRST);
            byQuery.values().forEach(l -> l.sort(MOST_SPECIFIC_FIRST));
            byMethod.put(method, new MethodRoutes(List.copyOf(plain), Map.copyOf(byQuery)));
        });
    }

    private static void requiredBindings(Shape input, List<String> query, List<String> headers) {
        for (String name : input.required()) {
            Member member = input.members().get(name);
            if (member == null) {
                continue;
            }
            switch (member.location()) {
                case QUERY_STRING -> query.add(member.wireName());
                case HEADER -> headers.add(member.wireName());
                default -> {
                    // labels are in the template; body members do not route
                }
            }
        }
    }

    /** The operation {@code request} names along {@code rawPath}, given its decoded query parameters. */
    Optional<Match> match(WireRequest request, String rawPath, Map<String, List<String>> query) {
        MethodRoutes routes = byMethod.get(request.method());
        if (routes == null) {
            return Optional.empty();
        }
        Optional<Match> match = match(routes, request, UriTemplate.split(rawPath), query);
        if (match.isEmpty() && rawPath.length() > 1 && rawPath.endsWith("/")) {
            match = match(routes, request, UriTemplate.split(rawPath.substring(0, rawPath.length() - 1)), query);
        }
        return match;
    }

    private Optional<Match> match(MethodRoutes routes, WireRequest request, String[] path,
                                  Map<String, List<String>> query) {
        List<String> xId = query.get("x-id");
        if (xId != null) {
            Route named = byName.get(xId.get(0));
            if (named != null && named.operation().http().method().equals(request.method())) {
                Map<String, String> labels = named.template().match(path, query);
                if (labels != null) {
                    return Optional.of(match(named, labels));
                }
            }
        }
        Candidate best = null;
        for (String name : query.keySet()) {
            List<Route> withParameter = routes.byQueryParameter().get(name);
            if (withParameter != null) {
                best = firstBetter(withParameter, best, request, path, query);
            }
        }
        best = firstBetter(routes.plain(), best, request, path, query);
        return best == null ? Optional.empty() : Optional.of(match(best.route(), best.labels()));
    }

    /** A route matching the request, with its labels. */
    private record Candidate(Route route, Map<String, String> labels) {}

    /** The first route of {@code routes} (sorted) that matches and is more specific than {@code best}, else {@code best}. */
    private static @Nullable Candidate firstBetter(List<Route> routes, @Nullable Candidate best, WireRequest request,
                                                   String[] path,
                                         Map<String, List<String>> query) {
        for (Route route : routes) {
            if (best != null && MOST_SPECIFIC_FIRST.compare(route, best.route()) >= 0) {
                return best;
            }
            Map<String, String> labels = route.template().match(path, query);
            if (labels != null && route.carries(request, query)) {
                return new Candidate(route, labels);
            }
        }
        return best;
    }

    private static Match match(Route route, Map<String, String> labels) {
        return new Match(route.operation(), route.template(), labels,
                route.template().specificity() + route.bindings());
    }

    /** Whether some operation has this path under another method (the answer is then 405, not 404). */
    boolean pathKnown(String rawPath) {
        String[] path = UriTemplate.split(rawPath);
        for (Route route : all) {
            if (route.template().matchPath(path) != null) {
                return true;
            }
        }
        return false;
    }
}
