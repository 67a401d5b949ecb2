package dev.haneul.sts.api;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;

/** Registers STS with the server (see {@code META-INF/services}). */
public final class StsProviderFactory implements ServiceProviderFactory {

    @Override
    public int order() {
        return 10;
    }

    @Override
    public ServiceProvider create(ServiceEnvironment environment) {
        return new StsProvider(environment.registry());
    }
}
