package dev.haneul.elbv2.api;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.elbv2.model.Elbv2State;
import dev.haneul.elbv2.model.ListenerRecord;
import dev.haneul.elbv2.model.LoadBalancerRecord;
import dev.haneul.elbv2.model.RuleRecord;
import dev.haneul.elbv2.model.TargetGroupRecord;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Access to ELBv2's state, one {@link Elbv2State} per account and region: reads without a lock;
 * changes serialised by one lock, persisted before they are visible, and followed by a
 * convergence of the data plane when they touch what it serves. Also the lookups every family
 * shares (a resource by ARN or its {@code …NotFound} error, which target groups are in use) and
 * the cascade of deleting a listener.
 */
final class Elbv2Store {

    private final ScopedStore<Elbv2State> states;
    private final DataPlaneSync sync;
    private final Object lock = new Object();

    Elbv2Store(ScopedStore<Elbv2State> states, DataPlaneSync sync) {
        this.states = states;
        this.sync = sync;
    }

    /** The account and region a request acts in. */
    static Scope scope(RequestContext context) {
        return new Scope(context.accountId(), context.region());
    }

    <R> R read(Scope scope, Function<Elbv2State, R> reader) {
        return states.read(scope, reader);
    }

    void forEach(BiConsumer<Scope, Elbv2State> visitor) {
        states.forEach(visitor);
    }

    /** A change the data plane must follow. */
    <R> R change(Scope scope, Function<Elbv2State, R> mutation) {
        return change(scope, mutation, result -> true);
    }

    /** A change the data plane follows when {@code converge} says so of its result (such as "something was created"). */
    <R> R change(Scope scope, Function<Elbv2State, R> mutation, Predicate<? super R> converge) {
        synchronized (lock) {
            R result = states.write(scope, mutation);
            if (converge.test(result)) {
                sync.converge(states);
            }
            return result;
        }
    }

    /** A change the data plane does not serve (tags, security groups, subnets). */
    <R> R changeStateOnly(Scope scope, Function<Elbv2State, R> mutation) {
        synchronized (lock) {
            return states.write(scope, mutation);
        }
    }

    /** Brings the data plane to the stored state (at start, after a restart). */
    void converge() {
        synchronized (lock) {
            sync.converge(states);
        }
    }

    // ---------------------------------------------------------------- lookups

    static LoadBalancerRecord requireLoadBalancer(Elbv2State state, @Nullable String arn) {
        LoadBalancerRecord lb = arn == null ? null : state.loadBalancers().get(arn);
        if (lb == null) {
            throw Elbv2Errors.loadBalancerNotFound(String.valueOf(arn));
        }
        return lb;
    }

    static TargetGroupRecord requireTargetGroup(Elbv2State state, @Nullable String arn) {
        TargetGroupRecord tg = arn == null ? null : state.targetGroups().get(arn);
        if (tg == null) {
            throw Elbv2Errors.targetGroupNotFound(String.valueOf(arn));
        }
        return tg;
    }

    static ListenerRecord requireListener(Elbv2State state, @Nullable String arn) {
        ListenerRecord listener = arn == null ? null : state.listeners().get(arn);
        if (listener == null) {
            throw Elbv2Errors.listenerNotFound(String.valueOf(arn));
        }
        return listener;
    }

    static RuleRecord requireRule(Elbv2State state, @Nullable String arn) {
        RuleRecord rule = arn == null ? null : state.rules().get(arn);
        if (rule == null) {
            throw Elbv2Errors.ruleNotFound(String.valueOf(arn));
        }
        return rule;
    }

    /** The load balancer a listener belongs to (a listener never outlives it). */
    static LoadBalancerRecord loadBalancerOf(Elbv2State state, ListenerRecord listener) {
        return requireLoadBalancer(state, listener.loadBalancerArn());
    }

    /** Any taggable resource by ARN, or the {@code …NotFound} error of its type. */
    static void requireTaggable(Elbv2State state, String arn) {
        switch (Arns.type(arn)) {
            case Arns.LOAD_BALANCER -> requireLoadBalancer(state, arn);
            case Arns.TARGET_GROUP -> requireTargetGroup(state, arn);
            case Arns.LISTENER -> requireListener(state, arn);
            case Arns.RULE -> requireRule(state, arn);
            default -> throw Elbv2Errors.validation("'%s' is not a valid Elastic Load Balancing resource ARN", arn);
        }
    }

    /** Target group ARN → the load balancers whose listeners' rules forward to it. */
    static Map<String, Set<String>> usedBy(Elbv2State state) {
        Map<String, Set<String>> used = new HashMap<>();
        for (RuleRecord rule : state.rules().values()) {
            ListenerRecord listener = state.listeners().get(rule.listenerArn());
            if (listener == null) {
                continue;
            }
            for (String tg : Actions.targetGroups(Views.actions(rule.actions()))) {
                used.computeIfAbsent(tg, t -> new LinkedHashSet<>()).add(listener.loadBalancerArn());
            }
        }
        return used;
    }

    /** Deletes a listener with its rules and their tags. */
    static void removeListener(Elbv2State state, String listenerArn) {
        state.rules().values().removeIf(rule -> {
            if (rule.listenerArn().equals(listenerArn)) {
                state.tags().remove(rule.arn());
                return true;
            }
            return false;
        });
        state.listeners().remove(listenerArn);
        state.tags().remove(listenerArn);
    }
}
