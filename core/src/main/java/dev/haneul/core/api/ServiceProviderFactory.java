package dev.haneul.core.api;

/**
 * How the server finds the services it runs: each service module declares one implementation in
 * {@code META-INF/services/dev.haneul.core.api.ServiceProviderFactory}, and the server loads
 * every one on its class path ({@link java.util.ServiceLoader}). Adding a service is adding a
 * module; nothing else lists it (see {@code docs/adding-a-service.md}).
 */
public interface ServiceProviderFactory {

    /**
     * Where the service comes in the server's order: providers start, appear in health, status
     * and the dashboard, and stop in reverse, in ascending order. Services a later one needs at
     * start-up (through the {@code ResourceRegistry}) come first.
     */
    int order();

    /** Builds the provider; {@link ServiceProvider#start()} is called afterwards. */
    ServiceProvider create(ServiceEnvironment environment);
}
