package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.http.HttpInterceptor;
import dev.haneul.core.netty.EventLoopRuntime;
import io.netty.bootstrap.Bootstrap;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ELBv2 data plane: every load balancer's listeners, every target group's targets and health
 * checks, on the server's shared event loops.
 *
 * <p>The control plane drives it with whole snapshots ({@link #apply}); it never calls back. It
 * reads target health and counters back through {@link #targetHealth} and {@link #listenerPorts}.
 *
 * <p>{@link #apply} converges: target groups are created, updated in place (targets keep their
 * health) or dropped (their connections cut); a target group counts as used when some listener's
 * rule forwards to it, and only used groups are health-checked; listeners are bound (see
 * {@link ListenerBinder} for the port rule), rebound when their port or protocol changes, or
 * closed; rule tables are swapped atomically, so a request sees either the old rules or the new
 * ones. It blocks while binding, so call it from a control-plane thread, never an I/O thread.
 */
public final class Elbv2DataPlane implements DataPlane {

    /** How often the health checker looks at the clock. */
    public static final Duration DEFAULT_HEALTH_CHECK_TICK = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(Elbv2DataPlane.class);

    private final EventLoopRuntime runtime;
    private final Clock clock;
    private final Duration connectTimeout;
    private final Bootstrap backendTemplate;
    private final Map<String, TargetGroupRuntime> groups = new ConcurrentHashMap<>();
    private final Map<String, LoadBalancerRuntime> loadBalancers = new HashMap<>();
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private final Map<String, ListenerConfig> listenerConfigs = new HashMap<>();
    private final Map<String, String> listenerHosts = new HashMap<>();
    private final HealthChecker checker;
    private boolean closed;

    public Elbv2DataPlane(EventLoopRuntime runtime, Clock clock) {
        this(runtime, clock, DEFAULT_HEALTH_CHECK_TICK, BackendPool.CONNECT_TIMEOUT);
    }

    /**
     * @param healthCheckTick how often health checks and drains look at {@code clock}
     * @param connectTimeout how long a target connection may take before the client gets a 504
     */
    public Elbv2DataPlane(EventLoopRuntime runtime, Clock clock, Duration healthCheckTick, Duration connectTimeout) {
        this.runtime = requireNonNull(runtime, "runtime");
        this.clock = requireNonNull(clock, "clock");
        this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
        this.backendTemplate = runtime.bootstrap();
        this.checker = new HealthChecker(runtime, clock, requireNonNull(healthCheckTick, "healthCheckTick"),
                groups::values);
    }

    /** Converges to {@code config}; see the class comment. */
    @Override
    public synchronized ApplyResult apply(DataPlaneConfig config) {
        requireNonNull(config, "config");
        if (closed) {
            throw new IllegalStateException("elbv2 - data plane closed");
        }
        Set<String> used = new HashSet<>();
        for (LoadBalancerConfig lb : config.loadBalancers()) {
            for (ListenerConfig listener : lb.listeners()) {
                for (ListenerRule rule : listener.rules()) {
                    if (rule.action() instanceof RuleAction.Forward forward) {
                        forward.targetGroups().forEach(t -> used.add(t.arn()));
                    }
                }
            }
        }
        Set<String> wantedGroups = new HashSet<>();
        for (TargetGroupConfig group : config.targetGroups()) {
            wantedGroups.add(group.arn());
            TargetGroupRuntime existing = groups.get(group.arn());
            if (existing == null) {
                existing = new TargetGroupRuntime(group, clock, this::targetGone);
                groups.put(group.arn(), existing);
            }
            existing.update(group, used.contains(group.arn()));
        }

        Map<String, Integer> bound = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Set<String> wantedListeners = new HashSet<>();
        Set<String> wantedLbs = new HashSet<>();
        for (LoadBalancerConfig lbConfig : config.loadBalancers()) {
            wantedLbs.add(lbConfig.arn());
            LoadBalancerRuntime lb = loadBalancers.get(lbConfig.arn());
            if (lb == null) {
                lb = new LoadBalancerRuntime(lbConfig, clock, backendTemplate, connectTimeout);
                loadBalancers.put(lbConfig.arn(), lb);
            } else {
                lb.update(lbConfig);
            }
            for (ListenerConfig listenerConfig : lbConfig.listeners()) {
                wantedListeners.add(listenerConfig.arn());
                try {
                    Listener listener = converge(lb, lbConfig, listenerConfig);
                    bound.put(listenerConfig.arn(), listener.port());
                } catch (BindException | RuntimeException e) {
                    log.error("elbv2/{} - listener {} cannot run: {}", lbConfig.name(), listenerConfig.arn(), e.getMessage());
                    failures.put(listenerConfig.arn(), String.valueOf(e.getMessage()));
                }
            }
        }
        for (String arn : List.copyOf(listeners.keySet())) {
            if (!wantedListeners.contains(arn)) {
                closeListener(arn);
            }
        }
        for (String arn : List.copyOf(loadBalancers.keySet())) {
            if (!wantedLbs.contains(arn)) {
                LoadBalancerRuntime gone = loadBalancers.remove(arn);
                if (gone != null) {
                    gone.close();
                }
            }
        }
        for (String arn : List.copyOf(groups.keySet())) {
            if (!wantedGroups.contains(arn)) {
                TargetGroupRuntime gone = groups.remove(arn);
                if (gone != null) {
                    gone.clear().forEach(this::targetGone);
                }
            }
        }
        return new ApplyResult(bound, failures);
    }

    private Listener converge(LoadBalancerRuntime lb, LoadBalancerConfig lbConfig, ListenerConfig config)
            throws BindException {
        Listener existing = listeners.get(config.arn());
        ListenerConfig previous = listenerConfigs.get(config.arn());
        boolean rebind = existing == null || previous == null || previous.protocol() != config.protocol()
                || previous.requestedPort() != config.requestedPort()
                || !lbConfig.host().equals(listenerHosts.get(config.arn()))
                || existing instanceof HttpListener http && http.lb != lb;
        if (rebind && existing != null) {
            closeListener(config.arn());
            config = config.withBoundPort(0);
        }
        Listener listener;
        if (config.protocol() == ListenerConfig.Protocol.HTTP) {
            HttpRoutes routes = routes(lb, config);
            if (!rebind && existing instanceof HttpListener http) {
                http.routes(routes);
                listener = http;
            } else {
                listener = new HttpListener(runtime, lb, config, lbConfig.host(), routes, clock);
            }
        } else {
            HttpRoutes.ResolvedForward forward = resolve((RuleAction.Forward) config.rules().getLast().action());
            if (!rebind && existing instanceof TcpListener tcp) {
                tcp.forward(forward);
                listener = tcp;
            } else {
                listener = new TcpListener(runtime, lbConfig.name(), config, lbConfig.host(), forward);
            }
        }
        listeners.put(config.arn(), listener);
        listenerConfigs.put(config.arn(), config);
        listenerHosts.put(config.arn(), lbConfig.host());
        return listener;
    }

    private HttpRoutes routes(LoadBalancerRuntime lb, ListenerConfig config) {
        RuleMatcher matcher = RuleMatcher.compile(config.rules());
        Object[] actions = new Object[config.rules().size()];
        for (int i = 0; i < actions.length; i++) {
            RuleAction action = config.rules().get(i).action();
            actions[i] = action instanceof RuleAction.Forward forward ? resolve(forward) : action;
        }
        return new HttpRoutes(lb, matcher, actions, lb.settings());
    }

    private HttpRoutes.ResolvedForward resolve(RuleAction.Forward forward) {
        List<RuleAction.WeightedTargetGroup> targets = forward.targetGroups();
        TargetGroupRuntime[] resolved = new TargetGroupRuntime[targets.size()];
        int[] weights = new int[targets.size()];
        int total = 0;
        StringBuilder scope = new StringBuilder();
        for (int i = 0; i < resolved.length; i++) {
            RuleAction.WeightedTargetGroup t = targets.get(i);
            TargetGroupRuntime group = groups.get(t.arn());
            if (group == null) {
                throw new IllegalArgumentException("target group " + t.arn() + " is not in the snapshot");
            }
            resolved[i] = group;
            weights[i] = t.weight();
            total += t.weight();
            scope.append(t.arn()).append(',');
        }
        long stickiness = forward.stickiness().map(Duration::toSeconds).orElse(0L);
        return new HttpRoutes.ResolvedForward(resolved, weights, total, stickiness,
                StickinessCookieCodec.scope(scope.toString()));
    }

    private void closeListener(String arn) {
        Listener listener = listeners.remove(arn);
        listenerConfigs.remove(arn);
        listenerHosts.remove(arn);
        if (listener != null) {
            listener.close();
        }
    }

    /** A target finished draining (or its group went away): cut what is still open to it. */
    private void targetGone(TargetState target) {
        target.cutConnections();
        List<TcpListener> tcp = new ArrayList<>();
        for (Listener listener : listeners.values()) {
            if (listener instanceof TcpListener t) {
                tcp.add(t);
            }
        }
        if (!tcp.isEmpty()) {
            Thread.ofVirtual().name("elbv2-drain-" + target.key).start(() -> tcp.forEach(t -> t.cut(target.address)));
        }
    }

    /**
     * The health of every target of a target group, draining ones included, in registration order;
     * empty when the group is unknown.
     */
    @Override
    public List<TargetHealthView> targetHealth(String targetGroupArn) {
        TargetGroupRuntime group = groups.get(targetGroupArn);
        if (group == null) {
            return List.of();
        }
        HealthCheckSettings check = group.config().healthCheck();
        List<TargetHealthView> views = new ArrayList<>();
        for (TargetState target : group.targets()) {
            int connections = target.channels.size();
            for (Listener listener : listeners.values()) {
                if (listener instanceof TcpListener tcp && tcp.uses(group)) {
                    connections += tcp.connectionsTo(target.address);
                }
            }
            views.add(new TargetHealthView(target.config.id(), target.config.port(), target.state().wireName(),
                    target.reason(), target.description(), check.port().orElse(target.config.port()),
                    target.requests.sum(), target.outstanding.get(), connections));
        }
        return views;
    }

    /** The port each listener listens on now, by listener ARN. */
    public Map<String, Integer> listenerPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        listeners.forEach((arn, listener) -> ports.put(arn, listener.port()));
        return ports;
    }

    /** Client connections open on a listener now, if it runs. */
    @Override
    public Optional<Integer> connections(String listenerArn) {
        return Optional.ofNullable(listeners.get(listenerArn)).map(Listener::connections);
    }

    /**
     * Attaches {@code interceptor} to a load balancer's HTTP listeners (WAF's web ACL association),
     * or detaches it with {@code null}; requests that started before keep their verdict. Without an
     * interceptor requests are routed at once, at no cost.
     *
     * @return whether the load balancer exists
     */
    public synchronized boolean interceptor(String loadBalancerArn, @Nullable HttpInterceptor interceptor) {
        LoadBalancerRuntime lb = loadBalancers.get(requireNonNull(loadBalancerArn, "loadBalancerArn"));
        if (lb == null) {
            return false;
        }
        lb.interceptor(interceptor);
        return true;
    }

    /** Closes every listener and connection; health checks stop. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        checker.close();
        for (String arn : List.copyOf(listeners.keySet())) {
            closeListener(arn);
        }
        loadBalancers.values().forEach(LoadBalancerRuntime::close);
        loadBalancers.clear();
        for (TargetGroupRuntime group : groups.values()) {
            group.clear().forEach(TargetState::cutConnections);
        }
        groups.clear();
    }
}
