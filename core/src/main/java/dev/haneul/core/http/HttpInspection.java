package dev.haneul.core.http;

import org.jspecify.annotations.Nullable;

/**
 * The hook of one HTTP data plane resource (an ALB; a CloudFront distribution later), published in
 * the {@code ResourceRegistry} under the resource's ARN, through which another service attaches the
 * {@link HttpInterceptor} that judges its requests before routing: WAF associating a web ACL with a
 * load balancer. Thread-safe; attaching takes effect for the next request, and requests already
 * being judged keep their verdict.
 */
public interface HttpInspection {

    /** Attaches {@code interceptor} in place of any other, or detaches with {@code null}. */
    void attach(@Nullable HttpInterceptor interceptor);
}
