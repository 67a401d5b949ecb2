package dev.haneul.core.protocol.rest;

import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.ShapeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where each member of one input, output or error structure travels, sorted once per shape when
 * the codec is built so no request walks the model to find out: URI labels, named query
 * parameters, a query-string map, headers, prefix-header maps, the status code, the payload, and
 * the members of the body; header members also by header name (case-insensitive), so a request's
 * headers are looked up once each rather than once per member. A response has no URI or query string: members a shape binds there
 * (it may serve as input and output) travel in a response's body.
 */
record Bindings(List<Member> labels, List<Member> query, Optional<Member> queryMap, List<Member> headers,
                Map<String, Member> headersByName, List<PrefixHeaders> prefixHeaders, Optional<Member> statusCode,
                Optional<Member> payload, List<Member> body) {

    /** A map member bound to every header whose name starts with {@code prefix} ({@code x-amz-meta-}). */
    record PrefixHeaders(Member member, String prefix) {

        /** Whether header {@code name} has the prefix (case-insensitive, as header names are). */
        boolean matches(String name) {
            return name.regionMatches(true, 0, prefix, 0, prefix.length());
        }
    }

    /** The bindings of {@code shape} as a request's input. */
    static Bindings ofRequest(Shape shape) {
        return of(shape, true);
    }

    /** The bindings of {@code shape} as a response's output or error. */
    static Bindings ofResponse(Shape shape) {
        return of(shape, false);
    }

    private static Bindings of(Shape shape, boolean request) {
        List<Member> labels = new ArrayList<>();
        List<Member> query = new ArrayList<>();
        Member queryMap = null;
        List<Member> headers = new ArrayList<>();
        List<PrefixHeaders> prefixHeaders = new ArrayList<>();
        Member statusCode = null;
        List<Member> body = new ArrayList<>();
        Optional<Member> payload = shape.payloadMember();
        for (Member member : shape.members().values()) {
            Member.Location location = member.location();
            if (!request && (location == Member.Location.URI || location == Member.Location.QUERY_STRING)) {
                location = Member.Location.BODY;
            }
            switch (location) {
                case URI -> labels.add(member);
                case QUERY_STRING -> {
                    if (member.shape().type() == ShapeType.MAP) {
                        queryMap = member;
                    } else {
                        query.add(member);
                    }
                }
                case HEADER -> headers.add(member);
                case HEADERS -> {
                    String prefix = member.locationName().orElse("");
                    prefixHeaders.add(new PrefixHeaders(member, prefix));
                }
                case STATUS_CODE -> statusCode = member;
                case BODY -> {
                    if (payload.isEmpty() || payload.get() != member) {
                        body.add(member);
                    }
                }
            }
        }
        Map<String, Member> headersByName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach(member -> headersByName.put(member.wireName(), member));
        return new Bindings(List.copyOf(labels), List.copyOf(query), Optional.ofNullable(queryMap),
                List.copyOf(headers), Collections.unmodifiableMap(headersByName), List.copyOf(prefixHeaders),
                Optional.ofNullable(statusCode), payload, payload.isPresent() ? List.of() : List.copyOf(body));
    }
}
