package dev.haneul.rds.api;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;

/** Registers RDS (Aurora MySQL) with the server (see {@code META-INF/services}). */
public final class RdsProviderFactory implements ServiceProviderFactory {

    @Override
    public int order() {
        return 20;
    }

    @Override
    public ServiceProvider create(ServiceEnvironment environment) {
        return new RdsProvider(environment);
    }
}
