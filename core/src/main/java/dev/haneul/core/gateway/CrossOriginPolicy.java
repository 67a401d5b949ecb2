package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service whose resources a user may open to web pages of other origins, the way AWS lets them
 * (S3: a bucket's CORS configuration). The {@link RequestGuard} refuses every cross-origin
 * request and every preflight; it asks the policies first, and a policy that claims the request's
 * resource decides instead: a preflight ({@code OPTIONS}) is answered from the policy and never
 * reaches an operation, an actual request it allows goes on (it must still be signed, or be an
 * anonymous call the resource's policy allows) with the CORS headers added to its answer. A
 * request for anything a policy does not claim — another service, the dashboard, the control
 * routes — is refused as before.
 */
public interface CrossOriginPolicy {

    /**
     * What this policy says about a cross-origin request; empty when the resource is not one of
     * this policy's (an S3 path naming no bucket that exists), so the guard's own rules apply.
     */
    Optional<Answer> evaluate(Request request);

    /**
     * A browser's cross-origin request, or its preflight.
     *
     * @param host the {@code Host} header (already one Haneul answers)
     * @param rawPath the path as sent, without the query string
     * @param origin the {@code Origin} header
     * @param method the method asked for: the request's own, or a preflight's
     *     {@code Access-Control-Request-Method}
     * @param requestHeaders a preflight's {@code Access-Control-Request-Headers}, lower case
     * @param preflight whether this is an {@code OPTIONS} preflight
     */
    record Request(String host, String rawPath, String origin, String method, List<String> requestHeaders,
                   boolean preflight) {

        public Request {
            requireNonNull(host, "host");
            requireNonNull(rawPath, "rawPath");
            requireNonNull(origin, "origin");
            requireNonNull(method, "method");
            requestHeaders = List.copyOf(requestHeaders);
        }
    }

    /** The policy's decision. */
    sealed interface Answer {

        /** Allowed: the {@code Access-Control-*} (and {@code Vary}) headers of the answer. */
        record Allowed(Map<String, String> headers) implements Answer {
            public Allowed {
                headers = Map.copyOf(headers);
            }
        }

        /** Not allowed: a preflight is answered with {@code error} in the service's envelope. */
        record Refused(AwsServiceException error) implements Answer {
            public Refused {
                requireNonNull(error, "error");
            }
        }
    }
}
