package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Who asked what, once the gateway has routed a request: the request id it will answer with, the
 * caller's account, region and access key (from the SigV4 credential scope), the service and
 * operation, and when the request arrived.
 */
public record RequestContext(String requestId, String accountId, String region, String accessKeyId,
                             String service, String operation, Instant receivedAt) {

    public RequestContext {
        requireNonNull(requestId, "requestId");
        requireNonNull(accountId, "accountId");
        requireNonNull(region, "region");
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(service, "service");
        requireNonNull(operation, "operation");
        requireNonNull(receivedAt, "receivedAt");
    }

    /** The ARN of a resource of this caller's account and region, for example {@code arn:aws:rds:us-east-1:000000000000:cluster:c1}. */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
