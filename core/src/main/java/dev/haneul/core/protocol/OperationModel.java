package dev.haneul.core.protocol;

import java.util.List;
import java.util.Optional;

/**
 * One operation of a service model: its input and output shapes, declared errors, and the traits
 * the protocols read — the query result wrapper, the rest protocols' HTTP binding
 * ({@code http.method}, {@code http.requestUri}, {@code http.responseCode}), the
 * {@code endpoint.hostPrefix}, the XML name and namespace the input reference gives its root, and
 * whether the model marks it {@code deprecated}.
 */
public record OperationModel(String name, Optional<Shape> input, Optional<Shape> output,
                             Optional<String> resultWrapper, List<Shape> errors, Http http,
                             Optional<String> hostPrefix, Optional<String> inputLocationName,
                             Optional<Member.XmlNamespace> inputXmlNamespace, boolean deprecated) {

    public OperationModel {
        errors = List.copyOf(errors);
    }

    /**
     * The operation's HTTP binding. {@code requestUri} is a template: labels {@code {Name}},
     * greedy labels {@code {Key+}} and literal query parameters after {@code ?}.
     */
    public record Http(String method, String requestUri, int responseCode) {}
}
