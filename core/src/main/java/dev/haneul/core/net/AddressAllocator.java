package dev.haneul.core.net;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.state.AtomicFiles;
import dev.haneul.core.state.StateWriteException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands out the loopback address (and, in {@link EndpointMode#PORTS} mode, the port) of every
 * user-facing endpoint, and remembers them in a file so an endpoint keeps its address and port
 * across restarts.
 *
 * <p>In {@code ADDRESSES} mode each resource (an Aurora cluster, a replication group, a load
 * balancer) owns one /24 block of the range, and its endpoints get hosts .1, .2, … of that block,
 * all on the resource's port: {@code 127.10.3.1:3306} is cluster 3's writer endpoint,
 * {@code 127.10.3.2:3306} its reader endpoint. In {@code PORTS} mode every endpoint is on
 * 127.0.0.1 with a port of its own, the first endpoint of a resource on the resource's port when
 * that port is free.
 *
 * <p>Every change is written before it is visible: one that cannot be written is undone and
 * throws {@link StateWriteException}.
 */
public final class AddressAllocator {

    private static final Logger log = LoggerFactory.getLogger(AddressAllocator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AddressRange range;
    private final EndpointMode mode;
    private final Path file;
    /** resource key → (endpoint name → endpoint); blocks are implied in ADDRESSES mode. */
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    public AddressAllocator(AddressRange range, EndpointMode mode, Path file) {
        this.range = requireNonNull(range, "range");
        this.mode = requireNonNull(mode, "mode");
        this.file = requireNonNull(file, "file");
        load();
    }

    public EndpointMode mode() {
        return mode;
    }

    public AddressRange range() {
        return range;
    }

    /**
     * The endpoint {@code endpointName} of resource {@code resourceKey}: the one it already has, or
     * a new one on {@code port} (in {@code PORTS} mode, {@code port} if free, else a free port).
     *
     * @throws IllegalStateException when the range has no free block or host left
     */
    public synchronized Endpoint allocate(String resourceKey, String endpointName, int port) {
        requireNonNull(resourceKey, "resourceKey");
        requireNonNull(endpointName, "endpointName");
        Resource resource = resources.get(resourceKey);
        Endpoint existing = resource == null ? null : resource.endpoints().get(endpointName);
        if (existing != null) {
            return existing;
        }
        Resource owner = resource != null ? resource
                : new Resource(mode == EndpointMode.ADDRESSES ? freeBlock() : -1, new LinkedHashMap<>());
        Endpoint endpoint = mode == EndpointMode.ADDRESSES
                ? new Endpoint(range.address(owner.block(), freeHost(owner)), port)
                : new Endpoint("127.0.0.1", freePort(port));
        Map<String, Resource> before = snapshot();
        resources.put(resourceKey, owner);
        owner.endpoints().put(endpointName, endpoint);
        saveOrUndo(before);
        log.debug("{} - endpoint {} allocated {}", resourceKey, endpointName, endpoint);
        return endpoint;
    }

    /** The endpoint already allocated, if any. */
    public synchronized Optional<Endpoint> find(String resourceKey, String endpointName) {
        Resource resource = resources.get(resourceKey);
        return resource == null ? Optional.empty() : Optional.ofNullable(resource.endpoints().get(endpointName));
    }

    /** Every endpoint of a resource, in allocation order. */
    public synchronized Map<String, Endpoint> endpoints(String resourceKey) {
        Resource resource = resources.get(resourceKey);
        return resource == null ? Map.of() : Map.copyOf(resource.endpoints());
    }

    /**
     * Moves every endpoint of a resource to {@code port} (in {@code ADDRESSES} mode), for when the
     * resource's port cannot be bound on its addresses.
     */
    public synchronized void changePort(String resourceKey, int port) {
        Resource resource = resources.get(resourceKey);
        if (resource != null && mode == EndpointMode.ADDRESSES) {
            Map<String, Resource> before = snapshot();
            resource.endpoints().replaceAll((name, e) -> new Endpoint(e.host(), port));
            saveOrUndo(before);
        }
    }

    /** Frees one endpoint. */
    public synchronized void release(String resourceKey, String endpointName) {
        Resource resource = resources.get(resourceKey);
        if (resource != null && resource.endpoints().containsKey(endpointName)) {
            Map<String, Resource> before = snapshot();
            resource.endpoints().remove(endpointName);
            saveOrUndo(before);
        }
    }

    /** Frees every endpoint (and the block) of a resource. */
    public synchronized void release(String resourceKey) {
        if (resources.containsKey(resourceKey)) {
            Map<String, Resource> before = snapshot();
            resources.remove(resourceKey);
            saveOrUndo(before);
        }
    }

    /** Whether something can listen on {@code host:port} right now. */
    public static boolean canBind(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int freeBlock() {
        boolean[] used = new boolean[range.blocks()];
        resources.values().forEach(r -> {
            if (r.block() >= 0 && r.block() < used.length) {
                used[r.block()] = true;
            }
        });
        for (int b = 0; b < used.length; b++) {
            if (!used[b]) {
                return b;
            }
        }
        throw new IllegalStateException("address range " + range + " has no free /24 block left for another resource");
    }

    private int freeHost(Resource resource) {
        for (int host = 1; host <= 254; host++) {
            String address = range.address(resource.block(), host);
            if (resource.endpoints().values().stream().noneMatch(e -> e.host().equals(address))) {
                return host;
            }
        }
        throw new IllegalStateException("block " + range.address(resource.block(), 1) + "/24 has no free address left");
    }

    private int freePort(int preferred) {
        Set<Integer> taken = new HashSet<>();
        resources.values().forEach(r -> r.endpoints().values().forEach(e -> taken.add(e.port())));
        if (!taken.contains(preferred) && canBind("127.0.0.1", preferred)) {
            return preferred;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!taken.contains(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("cannot find a free port on 127.0.0.1");
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Allocations loaded;
        try {
            loaded = JSON.readValue(file.toFile(), Allocations.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read endpoint allocations " + file
                    + " (fix or remove it; endpoints would otherwise change address)", e);
        }
        if (loaded.mode() != mode || !range.toString().equals(loaded.range())) {
            // Allocations from another mode or range cannot be honoured; start over and say so.
            log.warn("endpoint allocations in {} were made for {} {}; reallocating for {} {}",
                    file, loaded.mode(), loaded.range(), mode, range);
            return;
        }
        new TreeMap<>(loaded.resources()).forEach((key, r) ->
                resources.put(key, new Resource(r.block(), new LinkedHashMap<>(r.endpoints()))));
    }

    /**
     * Writes the allocations; if that fails, puts them back as {@code before} (what the file
     * holds) and throws {@link StateWriteException}, so memory never runs ahead of the file.
     */
    private void saveOrUndo(Map<String, Resource> before) {
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new Allocations(mode, range.toString(), resources)));
        } catch (IOException e) {
            resources.clear();
            resources.putAll(before);
            StateWriteException failure = new StateWriteException("cannot write endpoint allocations " + file, e);
            log.error("{}; the change was undone", failure.describe());
            throw failure;
        }
    }

    /** A copy of the allocations deep enough to restore them. */
    private Map<String, Resource> snapshot() {
        Map<String, Resource> copy = new LinkedHashMap<>();
        resources.forEach((key, r) -> copy.put(key, new Resource(r.block(), new LinkedHashMap<>(r.endpoints()))));
        return copy;
    }

    /** The file's content. */
    record Allocations(EndpointMode mode, String range, Map<String, Resource> resources) {}

    /** One resource's block (-1 in PORTS mode) and endpoints. */
    record Resource(int block, Map<String, Endpoint> endpoints) {}
}
