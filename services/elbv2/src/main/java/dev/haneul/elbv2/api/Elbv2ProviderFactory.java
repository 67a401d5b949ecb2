package dev.haneul.elbv2.api;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;

/** Registers Elastic Load Balancing v2 with the server (see {@code META-INF/services}). */
public final class Elbv2ProviderFactory implements ServiceProviderFactory {

    @Override
    public int order() {
        return 40;
    }

    @Override
    public ServiceProvider create(ServiceEnvironment environment) {
        return new Elbv2Provider(environment);
    }
}
