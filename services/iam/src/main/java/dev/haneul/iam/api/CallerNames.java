package dev.haneul.iam.api;

import dev.haneul.core.api.RequestContext;
import org.jspecify.annotations.Nullable;

/** Who called, as far as IAM operations that default to the caller need it. */
@FunctionalInterface
interface CallerNames {

    /** The IAM user name behind the request's access key, or {@code null} (root, a role session). */
    @Nullable String userNameOf(RequestContext context);
}
