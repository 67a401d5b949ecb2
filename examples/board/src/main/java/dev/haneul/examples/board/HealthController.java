package dev.haneul.examples.board;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health/deep}, health for people and dashboards: each dependency checked now, in
 * parallel (writer, reader, schema, and the session store in redis mode); 200 when all are up,
 * else 503. The load balancer asks {@code /health} instead ({@link HealthFilter}), which does not
 * depend on them: a database failover must not take every app instance out of the target group.
 */
@RestController
final class HealthController {

    /** Bound on one dependency's check (above the pool's connection timeout, so that one reports first). */
    static final Duration CHECK_TIMEOUT = BoardDatabase.CONNECTION_TIMEOUT.plusSeconds(1);

    private final InstanceName instance;
    private final BoardProperties properties;
    private final BoardDatabase db;
    private final SchemaInitializer schema;
    private final ObjectProvider<RedisConnectionFactory> redis;

    HealthController(InstanceName instance, BoardProperties properties, BoardDatabase db, SchemaInitializer schema,
            ObjectProvider<RedisConnectionFactory> redis) {
        this.instance = instance;
        this.properties = properties;
        this.db = db;
        this.schema = schema;
        this.redis = redis;
    }

    @GetMapping("/health/deep")
    ResponseEntity<Map<String, Object>> deep() {
        Map<String, Callable<Map<String, Object>>> checks = new LinkedHashMap<>();
        checks.put("writer", () -> database(BoardDatabase.Role.WRITER));
        checks.put("reader", () -> database(BoardDatabase.Role.READER));
        checks.put("schema", () -> ordered("status", schema.ready() ? "UP" : "DOWN"));
        if (properties.sessionStore() == BoardProperties.SessionStore.REDIS) {
            checks.put("sessionStore", this::redis);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        boolean up = true;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<String, Future<Map<String, Object>>> running = new LinkedHashMap<>();
            checks.forEach((name, check) -> running.put(name, executor.submit(check)));
            long deadline = System.nanoTime() + CHECK_TIMEOUT.toNanos();
            for (var entry : running.entrySet()) {
                Map<String, Object> result = outcome(entry.getValue(), deadline);
                up &= "UP".equals(result.get("status"));
                results.put(entry.getKey(), result);
            }
            executor.shutdownNow();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("instance", instance.get());
        body.put("sessionStore", properties.sessionStore().label());
        body.put("checks", results);
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    private Map<String, Object> database(BoardDatabase.Role role) {
        long start = System.nanoTime();
        DbRead<Boolean> read = db.read(role, jdbc -> Boolean.TRUE);
        return ordered("status", "UP", "dbInstance", read.instance(), "endpoint", db.endpoint(role),
                "ms", elapsedMillis(start));
    }

    private Map<String, Object> redis() {
        long start = System.nanoTime();
        try (RedisConnection connection = redis.getObject().getConnection()) {
            connection.ping();
        }
        return ordered("status", "UP", "ms", elapsedMillis(start));
    }

    private static Map<String, Object> outcome(Future<Map<String, Object>> check, long deadline) {
        try {
            return check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e; // down to the root cause (the task's own failure, or what caused it)
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return ordered("status", "DOWN", "error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            check.cancel(true);
            return ordered("status", "DOWN", "error", "no answer within " + CHECK_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ordered("status", "DOWN", "error", "interrupted");
        }
    }

    /** A JSON object with its keys in the order given ({@code status} first). */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
