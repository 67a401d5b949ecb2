package dev.haneul.s3.api;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;

/** Registers S3 with the server (see {@code META-INF/services}). */
public final class S3ProviderFactory implements ServiceProviderFactory {

    @Override
    public int order() {
        return 25;
    }

    @Override
    public ServiceProvider create(ServiceEnvironment environment) {
        return new S3Provider(environment.config().dataDir().resolve("s3"), environment.clock(),
                environment.config().accountId());
    }
}
