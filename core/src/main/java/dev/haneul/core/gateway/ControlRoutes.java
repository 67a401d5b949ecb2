package dev.haneul.core.gateway;

import java.util.Map;

/**
 * A provider that serves control routes of its own, such as IAM's decision log at
 * {@code /_haneul/api/iam/decisions}. The server registers each as a control route (the
 * {@link ControlAccess} token or a session, as the dashboard's API) and only under
 * {@code /_haneul/api/<the provider's name>/}.
 */
public interface ControlRoutes {

    /** Path (under {@code /_haneul/api/<name>/}) to route. */
    Map<String, HttpRoute> controlRoutes();
}
