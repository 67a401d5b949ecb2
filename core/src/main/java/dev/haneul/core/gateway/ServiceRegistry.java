package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ServiceProvider;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The providers behind the gateway, indexed the three ways a request names its service: by SigV4
 * signing name (the credential scope's service), by {@code X-Amz-Target} prefix (json services),
 * and by operation name ({@code Action} of query services, several owners told apart by
 * {@code Version}).
 */
public final class ServiceRegistry {

    private final List<ServiceProvider> providers;
    private final Map<String, ServiceProvider> bySigningName = new LinkedHashMap<>();
    private final Map<String, ServiceProvider> byTargetPrefix = new LinkedHashMap<>();
    private final Map<String, List<ServiceProvider>> byAction = new LinkedHashMap<>();

    public ServiceRegistry(List<ServiceProvider> providers) {
        this.providers = List.copyOf(requireNonNull(providers, "providers"));
        for (ServiceProvider provider : this.providers) {
            if (bySigningName.putIfAbsent(provider.model().signingName(), provider) != null) {
                throw new IllegalArgumentException("two providers sign as " + provider.model().signingName());
            }
            provider.model().targetPrefix().ifPresent(prefix -> byTargetPrefix.put(prefix, provider));
            if (provider.model().protocol().equals("query")) {
                provider.model().operations().keySet().forEach(op ->
                        byAction.computeIfAbsent(op, o -> new ArrayList<>()).add(provider));
            }
        }
    }

    public List<ServiceProvider> providers() {
        return providers;
    }

    public Optional<ServiceProvider> bySigningName(String signingName) {
        return Optional.ofNullable(bySigningName.get(signingName));
    }

    public Optional<ServiceProvider> byTargetPrefix(String prefix) {
        return Optional.ofNullable(byTargetPrefix.get(prefix));
    }

    /** The query service owning {@code action}; {@code version} decides when several do. */
    public Optional<ServiceProvider> byAction(String action, String version) {
        List<ServiceProvider> owners = byAction.getOrDefault(action, List.of());
        if (owners.size() <= 1 || version == null) {
            return owners.stream().findFirst();
        }
        return owners.stream().filter(p -> p.model().apiVersion().equals(version)).findFirst()
                .or(() -> owners.stream().findFirst());
    }

    /** The provider named {@code name} ({@link ServiceProvider#name()}). */
    public Optional<ServiceProvider> byName(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
