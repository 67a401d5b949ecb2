package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.protocol.Protocol;
import dev.haneul.core.protocol.ProtocolCodec;
import dev.haneul.core.protocol.ProtocolCodecs;
import dev.haneul.core.protocol.WireRequest;
import dev.haneul.core.protocol.rest.RestCodec;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The providers behind the gateway, each with the {@link ProtocolCodec} its model names (built here,
 * once, at start-up), indexed the ways a request names its service: by SigV4 signing name (the
 * credential scope's service), by {@code X-Amz-Target} prefix (json services), by operation name
 * ({@code Action} of query and ec2 services, several owners told apart by {@code Version}), and by
 * method and path (rest services).
 */
public final class ServiceRegistry {

    /** A provider and its codec. */
    public record Service(ServiceProvider provider, ProtocolCodec codec) {}

    private final List<ServiceProvider> providers;
    private final Map<ServiceProvider, Service> byProvider = new IdentityHashMap<>();
    private final Map<String, Service> bySigningName = new LinkedHashMap<>();
    private final Map<String, Service> byTargetPrefix = new LinkedHashMap<>();
    private final Map<String, List<Service>> byAction = new LinkedHashMap<>();
    private final List<Service> rest = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when two providers sign alike, or a model names a protocol
     *     (or holds a URI template) Haneul has no codec for
     */
    public ServiceRegistry(List<ServiceProvider> providers) {
        this.providers = List.copyOf(requireNonNull(providers, "providers"));
        for (ServiceProvider provider : this.providers) {
            Service service = new Service(provider, ProtocolCodecs.forModel(provider.model(), provider.protocolOptions()));
            byProvider.put(provider, service);
            if (bySigningName.putIfAbsent(provider.model().signingName(), service) != null) {
                throw new IllegalArgumentException("two providers sign as " + provider.model().signingName());
            }
            provider.model().targetPrefix().ifPresent(prefix -> byTargetPrefix.put(prefix, service));
            Protocol protocol = service.codec().protocol();
            if (protocol == Protocol.QUERY || protocol == Protocol.EC2) {
                provider.model().operations().keySet().forEach(op ->
                        byAction.computeIfAbsent(op, o -> new ArrayList<>()).add(service));
            }
            if (protocol.rest()) {
                rest.add(service);
            }
        }
    }

    public List<ServiceProvider> providers() {
        return providers;
    }

    /** The service of a registered provider. */
    public Service service(ServiceProvider provider) {
        Service service = byProvider.get(provider);
        if (service == null) {
            throw new IllegalArgumentException("provider: " + provider.name() + " (not registered)");
        }
        return service;
    }

    public Optional<Service> bySigningName(String signingName) {
        return Optional.ofNullable(bySigningName.get(signingName));
    }

    public Optional<Service> byTargetPrefix(String prefix) {
        return Optional.ofNullable(byTargetPrefix.get(prefix));
    }

    /** The query or ec2 service owning {@code action}; {@code version} decides when several do. */
    public Optional<Service> byAction(String action, @Nullable String version) {
        List<Service> owners = byAction.getOrDefault(action, List.of());
        if (owners.size() <= 1 || version == null) {
            return owners.stream().findFirst();
        }
        return owners.stream().filter(s -> s.provider().model().apiVersion().equals(version)).findFirst()
                .or(() -> owners.stream().findFirst());
    }

    /** The rest service with an operation matching the request's method and path most specifically. */
    public Optional<Service> byRestPath(WireRequest request) {
        Service best = null;
        int bestScore = -1;
        for (Service service : rest) {
            OptionalInt score = ((RestCodec) service.codec()).routeScore(request);
            if (score.isPresent() && score.getAsInt() > bestScore) {
                best = service;
                bestScore = score.getAsInt();
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether any service speaks a rest protocol (only then is a path worth matching). */
    public boolean hasRestServices() {
        return !rest.isEmpty();
    }

    /** The provider named {@code name} ({@link ServiceProvider#name()}). */
    public Optional<ServiceProvider> byName(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
