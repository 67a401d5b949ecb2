package dev.haneul.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * Instances of the labs' session app ({@link dev.haneul.lab.app.SessionApp}) run by the server's
 * apps API, started in parallel; each listens on a free port of 127.0.0.1. The server's catalogue
 * knows the app as {@value #KIND}: it runs the jar {@link SessionAppJar} writes into its data dir,
 * small and quick to start.
 */
final class AppFleet {

    /** The session app's kind in the server's app catalogue. */
    static final String KIND = "session-app";

    /** One running instance. */
    record Instance(String name, int port) {}

    private AppFleet() {}

    /**
     * Starts one instance per name; returns once every one answers its health check.
     *
     * @param store {@code memory} or {@code redis}
     * @param redisHost the ElastiCache primary endpoint's address when {@code store} is redis, else ignored
     */
    static List<Instance> start(LabContext context, List<String> names, String store, @Nullable String redisHost,
                                int redisPort)
            throws Exception {
        SessionAppJar.write(context.dataDir()); // where the server's catalogue looks for it
        context.log("starting app instances %s (sessions in %s)", names, store);
        List<Future<Instance>> started = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : names) {
                started.add(executor.submit(() -> {
                    int port = freePort();
                    Map<String, String> parameters = new LinkedHashMap<>();
                    parameters.put("store", store);
                    if (redisHost != null) {
                        parameters.put("redisHost", redisHost);
                        parameters.put("redisPort", Integer.toString(redisPort));
                    }
                    context.apps().put(name, KIND, port, parameters);
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
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
