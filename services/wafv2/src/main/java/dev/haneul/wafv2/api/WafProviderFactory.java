package dev.haneul.wafv2.api;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;

/** Registers AWS WAF with the server (see {@code META-INF/services}); after ELBv2, whose load balancers it guards. */
public final class WafProviderFactory implements ServiceProviderFactory {

    @Override
    public int order() {
        return 50;
    }

    @Override
    public ServiceProvider create(ServiceEnvironment environment) {
        return new WafProvider(environment);
    }
}
