package dev.haneul.elasticache.engine;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.engine.EngineResolver;
import dev.haneul.core.engine.RedisConfig;
import dev.haneul.core.engine.RedisServer;
import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessExit;
import dev.haneul.core.process.ProcessListener;
import dev.haneul.core.process.ProcessState;
import dev.haneul.core.process.ProcessSupervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engines of one replication group (or one stand-alone cache cluster): one {@code redis-server}
 * per node, one of them the primary, the others its replicas; and what happens when one dies.
 *
 * <h2>Failover</h2>
 * The supervisor tells us within about a second that a process exited (at once for a child, by
 * polling {@code /proc} every 100 ms for one adopted after a Haneul restart). For the primary, with
 * automatic failover on:
 * <ol>
 *   <li>ask every running replica for its {@code slave_repl_offset} and pick the highest (the one
 *       that lost the least; ties go to member order);</li>
 *   <li>{@code REPLICAOF NO ONE} on it, and tell the owner, which moves the primary endpoint and
 *       closes the connections still spliced to the dead primary, so clients reconnect and land on
 *       the new one;</li>
 *   <li>re-point the other replicas at it;</li>
 *   <li>start the old primary again, as a replica of the new one (a fresh full sync), and wait
 *       until every replica's {@code master_link_status} is {@code up}.</li>
 * </ol>
 * Without automatic failover (or with no replica to promote), the primary is restarted in place
 * on the same port with its data directory emptied, as ElastiCache replaces a failed node with a
 * blank one; its replicas reconnect to it and resync, so the group's data is lost. A replica that
 * dies is restarted as a replica.
 *
 * <p>A planned switch ({@code TestFailover}, {@code ModifyReplicationGroup PrimaryClusterId})
 * pauses writes on the primary first ({@code CLIENT PAUSE … WRITE}), waits until the target has
 * replicated everything, then runs the same steps, restarting the old primary as a replica; so it
 * loses no acknowledged write.
 *
 * <h2>Auth tokens</h2>
 * The newest token is {@code requirepass} and {@code masterauth}. During a rotation both tokens
 * are passwords of the {@code default} user (set with the renamed {@code ACL SETUSER}); Haneul
 * itself authenticates with whichever it knows works.
 *
 * <p>Every method that changes engines holds the engine's lock and blocks: call from virtual
 * threads. {@link #topology()} is a lock-free snapshot.
 *
 * <p>Why this class is over 500 lines: bring-up (with adoption and promotion of a survivor),
 * replica changes, AUTH rotation, planned switches and crash recovery all read and change one
 * node map under one lock, and a failover is several of them in one critical section (promote,
 * re-point, restart the old primary, wait for the links). Split into classes, each would need
 * the map, the lock and the publish step; kept together, the locking discipline is visible in
 * one place. What is not about that state is elsewhere: RESP framing ({@link RespClient}), the
 * admin command names ({@link AdminCommands}), the endpoints (package {@code endpoint}), the
 * desired-config reconciliation ({@code runtime.EngineCacheRuntime}).
 */
public final class ReplicationEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplicationEngine.class);

    static final String HOST = "127.0.0.1";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** How long to wait for replicas to finish their (re)sync before reporting them as they are. */
    private static final Duration LINK_TIMEOUT = Duration.ofSeconds(30);
    /** How long a planned switch may hold writes while the target catches up. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final String sourceType;
    private final String sourceId;
    private final ProcessSupervisor supervisor;
    private final EngineResolver engines;
    private final Function<String, Path> dirs;
    private final Function<String, String> processNames;
    private final AdminCommands admin;
    private final EngineListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by lock. */
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    /** Every token that may currently work, newest first; Haneul tries them in turn. */
    private final Set<String> knownTokens = new CopyOnWriteArraySet<>();
    private volatile String primaryId = "";
    private volatile boolean automaticFailover;
    private volatile List<String> tokens;
    private volatile Topology topology = Topology.EMPTY;
    private volatile boolean closed;

    /**
     * @param name log prefix, such as {@code elasticache/sessions}
     * @param sourceType the owner's event source type ({@code replication-group} or {@code cache-cluster})
     * @param sourceId the owner's id, for its events
     * @param dirs the engine directory of a node id (claimed through {@code ServiceEnvironment.engineDir})
     * @param processNames the supervisor's process name of a node id (unique in the server)
     * @param tokens the AUTH tokens, newest first; empty for none
     */
    public ReplicationEngine(String name, String sourceType, String sourceId, ProcessSupervisor supervisor,
                             EngineResolver engines, Function<String, Path> dirs, Function<String, String> processNames,
                             AdminCommands admin, List<String> tokens, boolean automaticFailover, EngineListener listener) {
        this.name = requireNonNull(name, "name");
        this.sourceType = requireNonNull(sourceType, "sourceType");
        this.sourceId = requireNonNull(sourceId, "sourceId");
        this.supervisor = requireNonNull(supervisor, "supervisor");
        this.engines = requireNonNull(engines, "engines");
        this.dirs = requireNonNull(dirs, "dirs");
        this.processNames = requireNonNull(processNames, "processNames");
        this.admin = requireNonNull(admin, "admin");
        this.tokens = List.copyOf(tokens);
        this.knownTokens.addAll(tokens);
        this.automaticFailover = automaticFailover;
        this.listener = requireNonNull(listener, "listener");
    }

    /** One node: its id and its current engine (replaced on every restart). */
    private static final class Node {
        final String id;
        volatile @Nullable RedisServer server;
        volatile boolean linkUp;

        Node(String id) {
            this.id = id;
        }

        /** Its engine; a node is only asked for it once it was started. */
        RedisServer server() {
            RedisServer s = server;
            if (s == null) {
                throw new IllegalStateException("node " + id + " has no engine");
            }
            return s;
        }

        boolean running() {
            RedisServer s = server;
            return s != null && s.state() == ProcessState.RUNNING;
        }
    }

    // ---- life cycle ----

    /**
     * Starts (or adopts, after a Haneul restart) the primary, then every replica pointed at it, and
     * returns once every replica has finished its first sync (or the link timeout passed). Adopted
     * engines whose role disagrees with {@code primaryId} are put right.
     *
     * <p>If the primary's engine died while Haneul was down but replicas still run, and automatic
     * failover is on, the most advanced of them is promoted first, as a failover would have done
     * had Haneul been watching; the old primary then comes back as its replica.
     */
    public void bringUp(String primaryId, List<String> replicaIds) throws IOException, InterruptedException {
        lock.lock();
        try {
            checkOpen();
            this.primaryId = requireNonNull(primaryId, "primaryId");
            List<String> others = new ArrayList<>(replicaIds);
            Node primary = automaticFailover && !replicaIds.isEmpty() && !engineRunning(primaryId)
                    ? promoteSurvivor(primaryId, replicaIds).orElse(null) : null;
            if (primary != null) {
                others.remove(primary.id);
                others.add(primaryId);
            } else {
                primary = nodes.computeIfAbsent(primaryId, Node::new);
                start(primary, null);
                if (primary.server().adopted() && !"master".equals(info(primary).get("role"))) {
                    log.info("{} - adopted {} was a replica; making it the primary again", name, primaryId);
                    call(primary, admin.name("REPLICAOF"), "NO", "ONE");
                }
            }
            primary.linkUp = true;
            publish(); // the primary serves now, whatever becomes of the replicas
            for (String id : others) {
                Node replica = nodes.computeIfAbsent(id, Node::new);
                try {
                    if (!replica.running()) {
                        start(replica, primary);
                    }
                    if (replica.server().adopted()) {
                        pointAt(replica, primary, false);
                    }
                } catch (IOException e) {
                    // One replica that cannot come back must not keep the others (or the primary) out.
                    log.error("{} - replica {} did not come back: {}", name, id, e.getMessage());
                    event(sourceType, sourceId, "Cache node " + id + " could not be started: "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                }
            }
            publish();
        } finally {
            lock.unlock();
        }
        awaitLinks();
    }

    /** Adopts the replicas still running and promotes the most advanced; empty if none can be. */
    private Optional<Node> promoteSurvivor(String deadPrimary, List<String> replicaIds)
            throws IOException, InterruptedException {
        for (String id : replicaIds) {
            if (engineRunning(id)) {
                // An adopted engine keeps its config: it is still a replica of the dead primary.
                start(nodes.computeIfAbsent(id, Node::new), null);
            }
        }
        Optional<Node> survivor = mostAdvancedReplica(null, false);
        if (survivor.isPresent()) {
            Node target = survivor.get();
            call(target, admin.name("REPLICAOF"), "NO", "ONE");
            primaryId = target.id;
            listener.primaryChanged(target.id);
            String message = "Failover from primary node " + deadPrimary + " to replica node " + target.id
                    + " completed (the primary's engine had stopped while Haneul was down)";
            log.warn("{} - {}", name, message);
            event(sourceType, sourceId, message);
        }
        return survivor;
    }

    /** Whether a node's engine is running now, by its pid file and command line (before adopting it). */
    private boolean engineRunning(String nodeId) {
        Path dir = dirs.apply(nodeId).toAbsolutePath().normalize();
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("redis.pid")).strip());
            String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                    && commandLine.contains(dir.getFileName().toString() + "/redis.conf");
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Starts new replicas of the primary and waits for their first sync. */
    public void addReplicas(List<String> ids) throws IOException, InterruptedException {
        lock.lock();
        try {
            checkOpen();
            Node primary = primaryNode();
            for (String id : ids) {
                if (nodes.containsKey(id)) {
                    throw new IllegalStateException(name + " - node " + id + " exists already");
                }
                Node replica = new Node(id);
                nodes.put(id, replica);
                start(replica, primary);
            }
            publish();
        } finally {
            lock.unlock();
        }
        awaitLinks();
    }

    /** Stops replicas for good and deletes their directories. */
    public void removeReplicas(List<String> ids) throws IOException {
        lock.lock();
        try {
            if (ids.contains(primaryId)) {
                throw new IllegalArgumentException("ids: " + ids + " (expected: not the primary " + primaryId + ")");
            }
            for (String id : ids) {
                Node node = nodes.remove(id);
                if (node != null && node.server != null) {
                    node.server.stop();
                }
                deleteDirectory(dirs.apply(id));
            }
            publish();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops every engine. With {@code snapshot}, the primary first writes an RDB snapshot of its
     * data, which it loads when it next starts (a clean Haneul stop keeps the data).
     */
    public void stop(boolean snapshot) {
        lock.lock();
        try {
            closed = true;
            Node primary = nodes.get(primaryId);
            if (snapshot && primary != null && primary.running()) {
                try {
                    call(primary, admin.name("SAVE"));
                    log.info("{} - {} saved a snapshot for the next start", name, primaryId);
                } catch (IOException e) {
                    log.warn("{} - {} could not save a snapshot; its data will be lost: {}", name, primaryId,
                            e.getMessage());
                }
            }
            // close() waits for every stop: the nodes stop in parallel.
            try (ExecutorService stoppers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Node node : nodes.values()) {
                    RedisServer server = node.server;
                    if (server != null) {
                        stoppers.execute(server::stop);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops every engine and deletes every node's directory. */
    public void destroy() throws IOException {
        stop(false);
        lock.lock();
        try {
            for (String id : nodes.keySet()) {
                deleteDirectory(dirs.apply(id));
            }
            nodes.clear();
            topology = Topology.EMPTY;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        stop(true);
    }

    // ---- what users change ----

    public void setAutomaticFailover(boolean enabled) {
        automaticFailover = enabled;
    }

    /**
     * Makes {@code newTokens} (newest first; empty: no AUTH) the valid passwords of every node: first
     * the union of old and new (so nothing is locked out half-way), then {@code masterauth}, then
     * exactly the new ones.
     */
    public void setAuthTokens(List<String> newTokens) throws IOException {
        lock.lock();
        try {
            List<String> union = Stream.concat(newTokens.stream(), tokens.stream()).distinct().toList();
            knownTokens.addAll(newTokens);
            for (Node node : runningNodes()) {
                setPasswords(node, union);
            }
            for (Node node : runningNodes()) {
                call(node, admin.name("CONFIG"), "SET", "masterauth", newTokens.isEmpty() ? "" : newTokens.get(0));
            }
            for (Node node : runningNodes()) {
                setPasswords(node, newTokens);
            }
            tokens = List.copyOf(newTokens);
            knownTokens.retainAll(Set.copyOf(newTokens));
            log.info("{} - AUTH tokens now {} valid password(s)", name, newTokens.size());
        } finally {
            lock.unlock();
        }
    }

    /**
     * A planned switch of the primary to {@code targetId}, or to the most advanced available
     * replica when empty; returns once the replicas (the old primary among them) have synced.
     * Returns false (and changes nothing) when there is no replica to promote.
     */
    public boolean switchover(Optional<String> targetId, String reason) throws IOException, InterruptedException {
        boolean switched;
        lock.lock();
        try {
            checkOpen();
            switched = failover(targetId, true, reason);
        } finally {
            lock.unlock();
        }
        awaitLinks();
        return switched;
    }

    // ---- what users read ----

    public Topology topology() {
        return topology;
    }

    public String primaryId() {
        return primaryId;
    }

    /** The AUTH tokens the engines take now, newest first; empty for none. */
    public List<String> authTokens() {
        return tokens;
    }

    /** The pid of a node's engine, if it has one. */
    public OptionalLong pid(String nodeId) {
        lock.lock();
        try {
            Node node = nodes.get(nodeId);
            return node == null || node.server == null ? OptionalLong.empty() : node.server.pid();
        } finally {
            lock.unlock();
        }
    }

    // ---- crashes ----

    private ProcessListener exitListener(Node node, RedisServer server) {
        return new ProcessListener() {
            @Override
            public void onExit(ManagedProcess process, ProcessExit exit) {
                if (!exit.expected() && !closed) {
                    Thread.ofVirtual().name("haneul-recover-" + node.id).start(() -> recover(node, server));
                }
            }
        };
    }

    private void recover(Node node, RedisServer dead) {
        lock.lock();
        try {
            if (closed || nodes.get(node.id) != node || node.server != dead) {
                return;
            }
            node.linkUp = false;
            publish();
            if (node.id.equals(primaryId)) {
                boolean failedOver = automaticFailover
                        && failover(Optional.empty(), false, "the primary node " + node.id + " failed");
                if (!failedOver) {
                    restartPrimaryInPlace(node);
                }
            } else {
                dead.stop();
                start(node, primaryNode());
                event(sourceType, sourceId, "Cache node 0001 of " + node.id + " failed and was replaced as a replica");
                publish();
            }
        } catch (IOException | RuntimeException e) {
            log.error("{} - could not recover {} after its engine exited", name, node.id, e);
            event(sourceType, sourceId, "Recovery of cache node " + node.id + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            lock.unlock();
        }
        try {
            awaitLinks();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void restartPrimaryInPlace(Node node) throws IOException, InterruptedException {
        node.server().stop();
        Path data = dirs.apply(node.id).resolve("data");
        Files.deleteIfExists(data.resolve("dump.rdb"));
        deleteDirectory(data.resolve("appendonlydir"));
        start(node, null);
        node.linkUp = true;
        log.warn("{} - primary {} restarted in place, empty (automatic failover is off)", name, node.id);
        event(sourceType, sourceId, "Primary node " + node.id + " failed and was replaced in place without "
                + "automatic failover; data written since the last sync is lost");
        for (Node replica : nodes.values()) {
            if (replica != node && replica.running()) {
                replica.linkUp = false;
            }
        }
        publish();
    }

    /**
     * The failover of the class comment; holds the lock. {@code planned}: the primary is alive and
     * writes are paused while the target catches up.
     */
    private boolean failover(Optional<String> targetId, boolean planned, String reason)
            throws IOException, InterruptedException {
        Node old = primaryNode();
        Node target;
        if (targetId.isPresent()) {
            target = nodes.get(targetId.get());
            if (target == null || target == old) {
                throw new IllegalArgumentException("targetId: " + targetId.get() + " (expected: a replica of " + sourceId + ")");
            }
        } else {
            target = mostAdvancedReplica(old, planned).orElse(null);
            if (target == null) {
                return false;
            }
        }
        long start = System.nanoTime();
        log.info("{} - failover from {} to {}: {}", name, old.id, target.id, reason);
        if (planned) {
            catchUp(old, target);
        }
        call(target, admin.name("REPLICAOF"), "NO", "ONE");
        primaryId = target.id;
        target.linkUp = true;
        listener.primaryChanged(target.id);
        publish();
        log.info("{} - {} is the primary {} ms after the failover began", name, target.id,
                (System.nanoTime() - start) / 1_000_000);
        String message = "Failover from primary node " + old.id + " to replica node " + target.id + " completed";
        event("cache-cluster", target.id, message);
        event(sourceType, sourceId, message);
        for (Node replica : nodes.values()) {
            if (replica != old && replica != target && replica.running()) {
                pointAt(replica, target, true);
            }
        }
        event("cache-cluster", old.id, "Recovering cache nodes 0001");
        old.linkUp = false;
        old.server().stop();
        start(old, target);
        publish();
        awaitLinks(); // (the lock is reentrant) so that "finished" means synced and back in the reader endpoint
        event("cache-cluster", old.id, "Finished recovery for cache nodes 0001");
        return true;
    }

    /** The running replica with the highest replication offset. */
    private Optional<Node> mostAdvancedReplica(@Nullable Node primary, boolean linkRequired) {
        Node best = null;
        long bestOffset = -1;
        for (Node node : nodes.values()) {
            if (node == primary || !node.running()) {
                continue;
            }
            try {
                Map<String, String> info = info(node);
                if (linkRequired && !"up".equals(info.get("master_link_status"))) {
                    continue;
                }
                long offset = Long.parseLong(info.getOrDefault("slave_repl_offset", "-1"));
                if (offset > bestOffset) {
                    best = node;
                    bestOffset = offset;
                }
            } catch (IOException | NumberFormatException e) {
                log.warn("{} - replica {} does not answer INFO, not promoting it: {}", name, node.id, e.getMessage());
            }
        }
        return Optional.ofNullable(best);
    }

    /** Pauses writes on the primary and waits until the target has replicated all of it. */
    private void catchUp(Node primary, Node target) throws IOException, InterruptedException {
        call(primary, "CLIENT", "PAUSE", Long.toString(CATCH_UP_TIMEOUT.toMillis() * 2), "WRITE");
        long wanted = Long.parseLong(info(primary).getOrDefault("master_repl_offset", "0"));
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (true) {
            long offset = Long.parseLong(info(target).getOrDefault("slave_repl_offset", "-1"));
            if (offset >= wanted) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn("{} - {} did not catch up with {} (offset {} of {}); switching anyway", name, target.id,
                        primary.id, offset, wanted);
                return;
            }
            Thread.sleep(10);
        }
    }

    // ---- engines ----

    private void start(Node node, @Nullable Node primary) throws IOException, InterruptedException {
        RedisConfig.Builder config = admin.applyTo(RedisConfig.builder(processNames.apply(node.id), dirs.apply(node.id)))
                .option("repl-diskless-sync", "yes")
                .readyTimeout(READY_TIMEOUT)
                .stopTimeout(STOP_TIMEOUT);
        List<String> current = tokens;
        if (!current.isEmpty()) {
            config.requirePass(current.get(0)).masterAuth(current.get(0));
        }
        if (primary != null) {
            config.replicaOf(HOST, primary.server().port());
        }
        RedisServer server = RedisServer.start(supervisor, engines, config.build());
        node.server = server;
        if (!server.adopted() && current.size() > 1) {
            setPasswords(node, current);
        }
        server.process().addListener(exitListener(node, server));
    }

    /** Makes {@code replica} replicate from {@code primary}, unless it already does (and {@code force} is off). */
    private void pointAt(Node replica, Node primary, boolean force) throws IOException {
        if (!force) {
            Map<String, String> info = info(replica);
            if ("slave".equals(info.get("role")) && Integer.toString(primary.server().port()).equals(info.get("master_port"))) {
                return;
            }
        }
        replica.linkUp = false;
        call(replica, admin.name("REPLICAOF"), HOST, Integer.toString(primary.server().port()));
    }

    /** Waits until every running replica's link is up (or the link timeout), then publishes. */
    private void awaitLinks() throws InterruptedException {
        long deadline = System.nanoTime() + LINK_TIMEOUT.toNanos();
        while (!closed) {
            boolean allUp = true;
            boolean changed = false;
            for (Node node : snapshotNodes()) {
                if (node.linkUp || !node.running() || node.id.equals(primaryId)) {
                    continue;
                }
                boolean up;
                try {
                    up = "up".equals(info(node).get("master_link_status"));
                } catch (IOException e) {
                    up = false;
                }
                if (up) {
                    node.linkUp = true;
                    changed = true;
                } else {
                    allUp = false;
                }
            }
            if (changed) {
                lock.lock();
                try {
                    publish();
                } finally {
                    lock.unlock();
                }
            }
            if (allUp) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn("{} - replicas still syncing after {}", name, LINK_TIMEOUT);
                return;
            }
            Thread.sleep(20);
        }
    }

    private void publish() {
        Map<String, Topology.NodeState> states = new LinkedHashMap<>();
        for (Node node : nodes.values()) {
            RedisServer server = node.server;
            boolean running = node.running();
            boolean primary = node.id.equals(primaryId);
            states.put(node.id, new Topology.NodeState(node.id, server == null ? 0 : server.port(), primary,
                    running && (primary || node.linkUp)));
        }
        Topology next = new Topology(primaryId, states);
        if (!next.equals(topology)) {
            topology = next;
            listener.topologyChanged(next);
        }
    }

    private void setPasswords(Node node, List<String> passwords) throws IOException {
        List<String> args = new ArrayList<>(List.of(admin.name("ACL"), "SETUSER", "default", "resetpass"));
        if (passwords.isEmpty()) {
            args.add("nopass");
        } else {
            passwords.forEach(p -> args.add(">" + p));
        }
        call(node, args.toArray(String[]::new));
    }

    /** {@code INFO replication} as a map. */
    private Map<String, String> info(Node node) throws IOException {
        String text = Objects.requireNonNullElse((String) call(node, "INFO", "replication"), "");
        Map<String, String> info = new LinkedHashMap<>();
        text.lines().forEach(line -> {
            int colon = line.indexOf(':');
            if (colon > 0) {
                info.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        });
        return info;
    }

    /** One admin command on a node, authenticated with whichever known token works. */
    private @Nullable Object call(Node node, String... command) throws IOException {
        RedisServer server = node.server;
        if (server == null) {
            throw new IOException(name + " - " + node.id + " has no engine");
        }
        try (RespClient client = RespClient.connect(HOST, server.port(), ADMIN_TIMEOUT)) {
            authenticate(client);
            return client.call(command);
        }
    }

    private void authenticate(RespClient client) throws IOException {
        try {
            client.call("PING");
            return;
        } catch (RespClient.RespError e) {
            if (!"NOAUTH".equals(e.code())) {
                throw e;
            }
        }
        Set<String> candidates = new LinkedHashSet<>(tokens);
        candidates.addAll(knownTokens);
        for (String token : candidates) {
            try {
                client.call("AUTH", token);
                return;
            } catch (RespClient.RespError e) {
                if (!"WRONGPASS".equals(e.code()) && !"ERR".equals(e.code())) {
                    throw e;
                }
            }
        }
        throw new IOException(name + " - no known AUTH token is accepted");
    }

    private Node primaryNode() {
        Node primary = nodes.get(primaryId);
        if (primary == null) {
            throw new IllegalStateException(name + " - no primary");
        }
        return primary;
    }

    private List<Node> runningNodes() {
        return nodes.values().stream().filter(Node::running).toList();
    }

    private List<Node> snapshotNodes() {
        lock.lock();
        try {
            return List.copyOf(nodes.values());
        } finally {
            lock.unlock();
        }
    }

    private void event(String type, String id, String message) {
        try {
            listener.event(type, id, message);
        } catch (RuntimeException e) {
            log.warn("{} - could not record event '{}'", name, message, e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(name + " - engines are stopped");
        }
    }

    /** Deletes a node's engine directory and everything in it. */
    public static void deleteDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
