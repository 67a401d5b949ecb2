package dev.haneul.elasticache.api;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;

/** Registers ElastiCache with the server (see {@code META-INF/services}). */
public final class ElastiCacheProviderFactory implements ServiceProviderFactory {

    @Override
    public int order() {
        return 30;
    }

    @Override
    public ServiceProvider create(ServiceEnvironment environment) {
        return new ElastiCacheProvider(environment);
    }
}
