package dev.haneul.core.engine;

import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessSpec;
import dev.haneul.core.process.ProcessStartException;
import dev.haneul.core.process.ProcessSupervisor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start sequence both launchers share.
 * <ol>
 *   <li>If the engine's config file exists, read the port from it and try to adopt the process a
 *       previous Haneul left running with it (its pid file and config file name it). Done if so:
 *       nothing is rewritten.</li>
 *   <li>Otherwise prepare the data (a MariaDB template copy), write a fresh config and start.
 *       The port: the one asked for; else the previous one from the old config, so that an engine
 *       keeps its address across Haneul restarts (replicas point at it) while it is free; else a
 *       free ephemeral port.</li>
 *   <li>Between choosing a free port and the engine binding it, another program may take it. The
 *       engine then fails with "Address already in use" in its log, and the start is retried with
 *       a new port, up to {@link #PORT_ATTEMPTS} times. (The readiness probe checks that the
 *       listening socket belongs to our pid, so a stranger on the port is never taken for us.)</li>
 * </ol>
 */
final class EngineLaunch {

    private static final Logger log = LoggerFactory.getLogger(EngineLaunch.class);

    /** Engines listen on loopback only. */
    static final String HOST = "127.0.0.1";
    /** The engine's data, inside its directory. */
    static final String DATA_DIR = "data";
    /** Starts tried on fresh ports when the chosen port is taken before the engine binds it. */
    static final int PORT_ATTEMPTS = 5;

    private static final Pattern PORT_TAKEN = Pattern.compile("Address already in use");

    /**
     * What differs between engines.
     *
     * @param configFile the generated config file
     * @param portPattern finds the port in it (group 1)
     * @param spec the process spec for the engine listening on a port
     * @param config the config file's text for a port
     * @param prepare data preparation before a fresh start
     */
    record Engine(Path configFile, Pattern portPattern, IntFunction<ProcessSpec> spec, IntFunction<String> config,
            Preparation prepare) {
    }

    @FunctionalInterface
    interface Preparation {
        void run() throws IOException, InterruptedException;
    }

    record Launched(ManagedProcess process, int port) {
    }

    private EngineLaunch() {
    }

    /**
     * Adopts or starts the engine; see the class comment.
     *
     * @param binaries for the log line that reports the outcome
     */
    static Launched launch(ProcessSupervisor supervisor, String name, int requestedPort, EngineBinaries binaries,
            Engine engine) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Launched launched = adoptOrStart(supervisor, name, requestedPort, engine);
        log.info("{} - {} pid {} on {}:{} ({}) in {} ms", name, launched.process().adopted() ? "adopted" : "ready",
                launched.process().pid().orElse(-1), HOST, launched.port(), binaries.describe(),
                (System.nanoTime() - start) / 1_000_000);
        return launched;
    }

    private static Launched adoptOrStart(ProcessSupervisor supervisor, String name, int requestedPort, Engine engine)
            throws IOException, InterruptedException {
        OptionalInt previousPort = ConfigFiles.port(engine.configFile(), engine.portPattern());
        if (previousPort.isPresent()) {
            var adopted = supervisor.adopt(engine.spec().apply(previousPort.getAsInt()));
            if (adopted.isPresent()) {
                return new Launched(adopted.get(), previousPort.getAsInt());
            }
        }
        engine.prepare().run();
        for (int attempt = 1; ; attempt++) {
            int port = requestedPort != 0 ? requestedPort
                    : attempt == 1 && previousPort.isPresent() ? previousPort.getAsInt()
                    : freePort();
            ConfigFiles.write(engine.configFile(), engine.config().apply(port));
            try {
                return new Launched(supervisor.start(engine.spec().apply(port)), port);
            } catch (ProcessStartException e) {
                boolean taken = PORT_TAKEN.matcher(e.logTail()).find();
                if (!taken || requestedPort != 0 || attempt >= PORT_ATTEMPTS) {
                    throw e;
                }
                log.warn("{} - port {} was taken before the engine could bind it; retrying on another port", name, port);
            }
        }
    }

    /** A port free on 127.0.0.1 right now: bind port 0, read it, close. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        }
    }
}
