/**
 * The HTTP front door on {@code 127.0.0.1:HANEUL_PORT}: {@link dev.haneul.core.gateway.GatewayServer}
 * lists its pipeline in one place (request guard against other sites and hosts, body budget,
 * {@code /_haneul/} routes with their {@link dev.haneul.core.gateway.ControlAccess} token), and
 * {@link dev.haneul.core.gateway.ApiDispatcher} runs an API call as steps: signature presence,
 * service resolution, the {@link dev.haneul.core.gateway.ApiInterceptor} chain (authentication,
 * then authorization), the service's protocol codec, the provider.
 */
@NullMarked
package dev.haneul.core.gateway;

import org.jspecify.annotations.NullMarked;
