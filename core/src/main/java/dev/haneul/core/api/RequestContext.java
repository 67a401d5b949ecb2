package dev.haneul.core.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Who asked what, once the gateway has routed a request: the request id it will answer with, the
 * caller's account, region and access key (from the SigV4 credential scope), the service and
 * operation, when the request arrived, and the items of a batch the caller may not act on.
 */
public record RequestContext(String requestId, String accountId, String region, String accessKeyId,
                             String service, String operation, Instant receivedAt, DeniedItems deniedItems) {

    /** A request whose items (if it has any) the caller may all act on. */
    public RequestContext(String requestId, String accountId, String region, String accessKeyId, String service,
                          String operation, Instant receivedAt) {
        this(requestId, accountId, region, accessKeyId, service, operation, receivedAt, DeniedItems.NONE);
    }

    public RequestContext {
        requireNonNull(requestId, "requestId");
        requireNonNull(accountId, "accountId");
        requireNonNull(region, "region");
        requireNonNull(accessKeyId, "accessKeyId");
        requireNonNull(service, "service");
        requireNonNull(operation, "operation");
        requireNonNull(receivedAt, "receivedAt");
        requireNonNull(deniedItems, "deniedItems");
    }

    /** The ARN of a resource of this caller's account and region, for example {@code arn:aws:rds:us-east-1:000000000000:cluster:c1}. */
    public String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + accountId + ":" + resource;
    }
}
