package dev.haneul.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Instances of the labs' session app ({@link dev.haneul.lab.app.SessionApp}) run by the server's
 * apps API, started in parallel; each listens on a free port of 127.0.0.1.
 */
final class AppFleet {

    /** Small and quick to start: an app instance serves a few hundred requests a second at most. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx48m", "-XX:TieredStopAtLevel=1",
            "-Xss256k", "-XX:-UsePerfData");

    /** One running instance. */
    record Instance(String name, int port) {}

    private AppFleet() {}

    /**
     * Starts one instance per name; returns once every one answers its health check.
     *
     * @param store {@code memory} or {@code redis}
     * @param redisHost the ElastiCache primary endpoint's address when {@code store} is redis, else ignored
     */
    static List<Instance> start(LabContext context, List<String> names, String store, String redisHost, int redisPort)
            throws Exception {
        Path jar = SessionAppJar.write(context.dataDir());
        context.log("starting app instances %s (sessions in %s)", names, store);
        List<Future<Instance>> started = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                started.add(executor.submit(() -> {
                    int port = freePort();
                    Map<String, String> env = new LinkedHashMap<>();
                    env.put("LAB_APP_NAME", name);
                    env.put("LAB_APP_PORT", Integer.toString(port));
                    env.put("LAB_SESSION_STORE", store);
                    if (redisHost != null) {
                        env.put("LAB_REDIS_HOST", redisHost);
                        env.put("LAB_REDIS_PORT", Integer.toString(redisPort));
                    }
                    context.apps().put(name, jar.toString(), JVM_OPTIONS, env, port, "/health");
                    return new Instance(name, port);
                }));
            }
        }
        List<Instance> instances = new ArrayList<>();
        for (Future<Instance> instance : started) {
            instances.add(instance.get());
        }
        return instances;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
