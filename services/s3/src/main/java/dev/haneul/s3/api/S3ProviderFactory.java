package dev.haneul.s3.api;

import dev.haneul.core.api.ServiceEnvironment;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceProviderFactory;
import dev.haneul.core.resource.BucketWriter;

/** Registers S3 with the server (see {@code META-INF/services}). */
public final class S3ProviderFactory implements ServiceProviderFactory {

    @Override
    public int order() {
        return 25;
    }

    @Override
    public ServiceProvider create(ServiceEnvironment environment) {
        S3Provider provider = new S3Provider(environment.config().dataDir().resolve("s3"), environment.clock(),
                environment.config().accountId());
        // Services that deliver objects to a customer's bucket (WAF logs) find S3 through this view.
        environment.registry().publish(BucketWriter.ARN, BucketWriter.class, new S3BucketWriter(provider));
        return provider;
    }
}
