package dev.haneul.core.protocol.rest;

import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ServiceModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rest service's operations by HTTP method and {@link UriTemplate}, compiled once from the model.
 * Per request the candidates of its method are tried most specific first and the first match wins,
 * so {@code GET /{Bucket}?list-type=2} (ListObjectsV2) is preferred over {@code GET /{Bucket}}
 * (ListObjects), and {@code /{Bucket}/{Key+}?uploads} over {@code /{Bucket}/{Key+}}. A path with a
 * trailing slash that matches nothing is tried once more without it ({@code GET /bucket/}).
 */
final class RestRouter {

    /** The operation a request names, with its labels' raw (still encoded) values. */
    record Match(OperationModel operation, UriTemplate template, Map<String, String> rawLabels) {}

    private record Route(OperationModel operation, UriTemplate template) {}

    private final Map<String, List<Route>> byMethod = new HashMap<>();

    RestRouter(ServiceModel model) {
        for (OperationModel operation : model.operations().values()) {
            UriTemplate template;
            try {
                template = UriTemplate.compile(operation.http().requestUri());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(model.serviceId() + " " + operation.name() + ": " + e.getMessage(), e);
            }
            byMethod.computeIfAbsent(operation.http().method(), m -> new ArrayList<>())
                    .add(new Route(operation, template));
        }
        byMethod.values().forEach(routes -> routes.sort((a, b) -> a.template().compareSpecificity(b.template())));
    }

    /** The operation {@code method} and {@code rawPath} name, given the request's decoded query parameters. */
    Optional<Match> match(String method, String rawPath, Map<String, List<String>> query) {
        List<Route> routes = byMethod.get(method);
        if (routes == null) {
            return Optional.empty();
        }
        Optional<Match> match = match(routes, UriTemplate.split(rawPath), query);
        if (match.isEmpty() && rawPath.length() > 1 && rawPath.endsWith("/")) {
            match = match(routes, UriTemplate.split(rawPath.substring(0, rawPath.length() - 1)), query);
        }
        return match;
    }

    private static Optional<Match> match(List<Route> routes, String[] path, Map<String, List<String>> query) {
        for (Route route : routes) {
            Map<String, String> labels = route.template().match(path, query);
            if (labels != null) {
                return Optional.of(new Match(route.operation(), route.template(), labels));
            }
        }
        return Optional.empty();
    }

    /** Whether some operation has this path under another method (the answer is then 405, not 404). */
    boolean pathKnown(String rawPath) {
        String[] path = UriTemplate.split(rawPath);
        for (List<Route> routes : byMethod.values()) {
            for (Route route : routes) {
                if (route.template().matchPath(path) != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
