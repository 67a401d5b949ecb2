package dev.haneul.elbv2.dataplane;

import dev.haneul.core.http.HttpInterceptor;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoop;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One load balancer at run time: its settings and cookie key, its access log, and its keep-alive
 * connection pools to targets (one per event loop). Listeners belong to it and read its current
 * settings through their routes snapshot.
 */
final class LoadBalancerRuntime implements AutoCloseable {

    final String arn;
    private final Clock clock;
    private final Bootstrap backendTemplate;
    private final Duration connectTimeout;
    private final Map<EventLoop, BackendPool> pools = new ConcurrentHashMap<>();
    private volatile LoadBalancerConfig config;
    private volatile StickinessCookieCodec codec;
    private volatile @Nullable AccessLog accessLog;
    private volatile @Nullable HttpInterceptor interceptor;

    LoadBalancerRuntime(LoadBalancerConfig config, Clock clock, Bootstrap backendTemplate, Duration connectTimeout) {
        this.arn = config.arn();
        this.clock = clock;
        this.backendTemplate = backendTemplate;
        this.connectTimeout = connectTimeout;
        this.config = config;
        this.codec = new StickinessCookieCodec(config.cookieKey());
        update(config);
    }

    /** Takes new settings; a new access log file, or none, takes effect for the next request. */
    synchronized void update(LoadBalancerConfig newConfig) {
        LoadBalancerConfig old = config;
        config = newConfig;
        if (!Arrays.equals(old.cookieKey(), newConfig.cookieKey())) {
            codec = new StickinessCookieCodec(newConfig.cookieKey());
        }
        var wanted = newConfig.settings().accessLog();
        AccessLog current = accessLog;
        if (current != null && (wanted.isEmpty() || !wanted.get().equals(current.file()))) {
            accessLog = null;
            current.close();
        }
        if (wanted.isPresent() && accessLog == null) {
            accessLog = new AccessLog(newConfig.name(), wanted.get());
        }
    }

    LoadBalancerConfig config() {
        return config;
    }

    LoadBalancerSettings settings() {
        return config.settings();
    }

    String name() {
        return config.name();
    }

    /** {@code app/name/id}, as ALB's access log names the load balancer. */
    String elbName() {
        int at = arn.indexOf(":loadbalancer/");
        return at < 0 ? arn : arn.substring(at + ":loadbalancer/".length());
    }

    StickinessCookieCodec codec() {
        return codec;
    }

    /** The access log, or {@code null} when off. */
    @Nullable AccessLog accessLog() {
        return accessLog;
    }

    Clock clock() {
        return clock;
    }

    /** What judges each request before routing (WAF), or {@code null}: then nothing is held or called. */
    @Nullable HttpInterceptor interceptor() {
        return interceptor;
    }

    void interceptor(@Nullable HttpInterceptor newInterceptor) {
        interceptor = newInterceptor;
    }

    /** The connection pool of {@code loop}; call on that loop. */
    BackendPool pool(EventLoop loop) {
        BackendPool pool = pools.get(loop);
        if (pool == null) {
            pool = pools.computeIfAbsent(loop, l -> new BackendPool(l, backendTemplate, this, connectTimeout));
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        pools.values().forEach(BackendPool::closeIdle);
        pools.clear();
        AccessLog current = accessLog;
        if (current != null) {
            accessLog = null;
            current.close();
        }
    }
}
