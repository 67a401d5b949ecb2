package dev.haneul.core.resource;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seam between services: a service publishes its resources by ARN, each with typed views
 * of what others may use, and other services look them up or hear about changes — without
 * importing each other. For example the ELBv2 service publishes each load balancer's
 * {@code HttpInspection} hook so WAF can attach a web ACL by the load balancer's ARN; S3 will
 * publish a bucket's object reader so a CloudFront distribution can use the bucket as origin.
 *
 * <p>View types live in core (a view is a contract between services, owned by neither), are
 * immutable or thread-safe, and are small: an interface of what the consumer needs, not the
 * publisher's model.
 *
 * <pre>
 *   elbv2 ──publish(lbArn, HttpInspection.class, hooks)──▶ registry ◀──find(lbArn, HttpInspection.class)── wafv2
 *                                                            │
 *                                                            └──▶ subscribers of HttpInspection: published / withdrawn
 * </pre>
 *
 * <p>Listeners run on the publishing thread, after the change is visible to {@link #find}; they
 * must be quick and must not block (hand slow work to a virtual thread). A listener that throws
 * is logged and does not stop the others.
 */
public final class ResourceRegistry {

    private static final Logger log = LoggerFactory.getLogger(ResourceRegistry.class);

    /** Told when a view of its type is published (again) or withdrawn. */
    public interface Listener<V> {
        void published(String arn, V view);

        default void withdrawn(String arn) {}
    }

    /** Stops a subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<Class<?>, Map<String, Object>> views = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<Listener<?>>> listeners = new ConcurrentHashMap<>();

    /** Publishes (or replaces) the {@code type} view of the resource {@code arn}. */
    public <V> void publish(String arn, Class<V> type, V view) {
        requireNonNull(arn, "arn");
        requireNonNull(view, "view");
        if (!type.isInstance(view)) {
            throw new IllegalArgumentException("view: " + view.getClass().getName() + " (expected: a " + type.getName() + ")");
        }
        views.computeIfAbsent(type, t -> new ConcurrentHashMap<>()).put(arn, view);
        for (Listener<?> listener : listeners.getOrDefault(type, List.of())) {
            notify(() -> cast(listener, type).published(arn, view), arn, type);
        }
    }

    /** Withdraws the {@code type} view of {@code arn} (the resource went away or stopped offering it). */
    public <V> void withdraw(String arn, Class<V> type) {
        Map<String, Object> ofType = views.get(type);
        if (ofType != null && ofType.remove(arn) != null) {
            for (Listener<?> listener : listeners.getOrDefault(type, List.of())) {
                notify(() -> cast(listener, type).withdrawn(arn), arn, type);
            }
        }
    }

    /** Withdraws every view of {@code arn}. */
    public void withdrawAll(String arn) {
        for (Class<?> type : List.copyOf(views.keySet())) {
            withdraw(arn, type);
        }
    }

    /** The {@code type} view of {@code arn}, if published. */
    public <V> Optional<V> find(String arn, Class<V> type) {
        Map<String, Object> ofType = views.get(type);
        return ofType == null ? Optional.empty() : Optional.ofNullable(ofType.get(arn)).map(type::cast);
    }

    /** Every published view of {@code type}, by ARN. */
    public <V> Map<String, V> all(Class<V> type) {
        Map<String, V> out = new TreeMap<>();
        views.getOrDefault(type, Map.of()).forEach((arn, view) -> out.put(arn, type.cast(view)));
        return out;
    }

    /**
     * Subscribes {@code listener} to views of {@code type}; it first hears of every view already
     * published, so a late subscriber misses nothing.
     */
    public <V> Subscription subscribe(Class<V> type, Listener<V> listener) {
        requireNonNull(listener, "listener");
        listeners.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(listener);
        all(type).forEach((arn, view) -> notify(() -> listener.published(arn, view), arn, type));
        return () -> listeners.getOrDefault(type, new ArrayList<>()).remove(listener);
    }

    @SuppressWarnings("unchecked")
    private static <V> Listener<V> cast(Listener<?> listener, Class<V> type) {
        return (Listener<V>) listener;
    }

    private static void notify(Runnable call, String arn, Class<?> type) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.error("registry - a listener of {} failed on {}", type.getSimpleName(), arn, e);
        }
    }
}
