package dev.haneul.elbv2.dataplane;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * One registered target of one target group: its address, its health (changed only under the
 * group's lock, read without it), its live counters, and the connections open to it (closed when
 * its deregistration delay ends). The health checker's own fields are touched only on the
 * checker's thread.
 */
final class TargetState {

    final TargetConfig config;
    final String key;
    final InetSocketAddress address;
    /** The subject of its stickiness cookies. */
    final long subject;
    final LongAdder requests = new LongAdder();
    final AtomicInteger outstanding = new AtomicInteger();
    final Set<Channel> channels = ConcurrentHashMap.newKeySet();

    private volatile HealthState state;
    private volatile @Nullable String reason;
    private volatile @Nullable String description;
    /** When it last became healthy (slow start), {@code Long.MIN_VALUE} when not healthy. */
    private volatile long healthySince = Long.MIN_VALUE;
    private volatile long drainUntil;
    int passes;
    int failures;

    /** Health checker fields (its thread only). */
    long nextCheckAt;
    @Nullable HealthProbe probe;

    TargetState(TargetConfig config, HealthState state, @Nullable String reason, @Nullable String description) {
        this.config = config;
        this.key = config.key();
        this.address = new InetSocketAddress(literal(config.host()), config.port());
        this.subject = StickinessCookieCodec.subject(key);
        set(state, reason, description);
    }

    /** Resolves an IP literal without a DNS lookup (the control plane only registers literals). */
    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("host: " + host + " (expected: an IP address)", e);
        }
    }

    HealthState state() {
        return state;
    }

    Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    Optional<String> description() {
        return Optional.ofNullable(description);
    }

    long healthySince() {
        return healthySince;
    }

    long drainUntil() {
        return drainUntil;
    }

    /** Called under the group's lock. */
    void set(HealthState newState, @Nullable String newReason, @Nullable String newDescription) {
        reason = newReason;
        description = newDescription;
        state = newState;
    }

    void markHealthySince(long millis) {
        healthySince = millis;
    }

    void drainUntil(long millis) {
        drainUntil = millis;
    }

    /** Closes every connection open to the target now (deregistration delay over). */
    void cutConnections() {
        for (Channel channel : channels) {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return key;
    }
}
