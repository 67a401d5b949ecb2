package dev.haneul.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.haneul.core.process.ProcessSupervisor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App processes: started until healthy, killed and kept down, started again, adopted after a
 * restart; launched only as the catalogue says, never from what a request sends.
 */
class AppManagerTest {

    private static final String JAVA = ProcessHandle.current().info().command().orElseThrow();

    @TempDir
    Path dir;

    private ProcessSupervisor supervisor;
    private AppManager apps;
    private Path jar;
    private int port;

    @BeforeEach
    void setUp() throws IOException {
        jar = helloJar(dir.resolve("hello.jar"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        supervisor = new ProcessSupervisor();
        apps = manager(supervisor);
    }

    @AfterEach
    void tearDown() {
        apps.close();
        supervisor.close();
    }

    private AppManager manager(ProcessSupervisor processes) {
        return new AppManager(dir.resolve("apps"), dir.resolve("apps.json"), processes, JAVA, catalogue());
    }

    private AppCatalogue catalogue() {
        return AppCatalogue.of(new AppKind("hello", jar, "build it", List.of("-Xmx32m"), "/health",
                Map.of("HELLO_NAME", "{name}", "HELLO_PORT", "{port}"),
                AppKind.byName(AppParameter.matching("greeting", "HELLO_GREETING", false, "[a-z ]{1,20}", "a few words"))));
    }

    private AppSpec spec() {
        return new AppSpec("hello-1", "hello", port, Map.of());
    }

    @Test
    void startsAnAppUntilHealthyAndAKilledAppStaysDownUntilStarted() throws Exception {
        AppView running = apps.put(spec());
        assertThat(running.state()).isEqualTo("running");
        assertThat(running.kind()).isEqualTo("hello");
        assertThat(get("/")).isEqualTo("hello from hello-1");

        apps.kill("hello-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> apps.view("hello-1").state().equals("exited"));
        assertThat(apps.view("hello-1").wanted()).isTrue();

        assertThat(apps.start("hello-1").state()).isEqualTo("running");
        assertThat(get("/")).isEqualTo("hello from hello-1");

        AppView stopped = apps.stop("hello-1");
        assertThat(stopped.state()).isEqualTo("stopped");
        assertThat(stopped.wanted()).isFalse();
    }

    @Test
    void aRestartedHaneulAdoptsRunningAppsAndForgetsNothing() throws Exception {
        long pid = apps.put(spec()).pid();

        // A new manager and supervisor over the same files, as after Haneul was killed.
        ProcessSupervisor second = new ProcessSupervisor();
        AppManager again = manager(second);
        try {
            again.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> again.view("hello-1").state().equals("running"));
            assertThat(again.view("hello-1").pid()).isEqualTo(pid);
            assertThat(again.list()).extracting(AppView::name).containsExactly("hello-1");
        } finally {
            again.close();
            second.close();
        }
    }

    @Test
    void aParameterReachesTheAppAsItsVariableOnly() throws Exception {
        apps.put(new AppSpec("hello-1", "hello", port, Map.of("greeting", "good morning")));
        assertThat(get("/")).isEqualTo("good morning from hello-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("apps.json"))))
                .as("parameters may hold passwords").isEqualTo("rw-------");
        AppCatalogue.AppLaunch launch = catalogue().launch(new AppSpec("hello-2", "hello", port,
                Map.of("greeting", "hi")), JAVA, dir.resolve("apps/hello-2"));
        assertThat(launch.command()).containsExactly(JAVA, "-Dhaneul.app=" + dir.resolve("apps/hello-2"), "-Xmx32m", "-jar",
                jar.toString());
        assertThat(launch.environment()).containsEntry("HELLO_GREETING", "hi").containsEntry("HELLO_NAME", "hello-2")
                .containsEntry("HELLO_PORT", Integer.toString(port));
    }

    @Test
    void unknownAppsAndBadSpecsAreRefused() {
        assertThatThrownBy(() -> apps.start("nope")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> new AppSpec("-bad", "hello", 8080, null)).hasMessageContaining("name");
        assertThatThrownBy(() -> new AppSpec("ok", "", 8080, null)).hasMessageContaining("kind");
        assertThatThrownBy(() -> new AppSpec("ok", "hello", 0, null)).hasMessageContaining("port");
        assertThatThrownBy(() -> apps.put(new AppSpec("ok", "shell", port, Map.of()))).hasMessageContaining("kind: 'shell'");
        assertThatThrownBy(() -> apps.put(new AppSpec("ok", "hello", 80, Map.of()))).hasMessageContaining("port: 80");
        assertThatThrownBy(() -> apps.put(new AppSpec("ok", "hello", port, Map.of("JAVA_TOOL_OPTIONS", "-XX:+X"))))
                .hasMessageContaining("parameter JAVA_TOOL_OPTIONS is not one of hello's");
        assertThatThrownBy(() -> apps.put(new AppSpec("ok", "hello", port, Map.of("greeting", "hi; touch /tmp/x"))))
                .hasMessageContaining("parameter greeting: 'hi; touch /tmp/x'");
        assertThat(apps.list()).isEmpty();
    }

    @Test
    void aKindWhoseJarIsMissingIsRefused() throws Exception {
        Files.delete(jar);
        assertThatThrownBy(() -> apps.put(spec())).hasMessageContaining("not built").hasMessageContaining("build it");
        assertThat(apps.list()).isEmpty();
    }

    @Test
    void commandsAnOlderHaneulRegisteredAreDroppedNotRun() throws Exception {
        Path marker = dir.resolve("pwned");
        Files.writeString(dir.resolve("apps.json"), """
                {"apps": {
                  "evil": {"spec": {"name": "evil", "jar": "%s", "jvmOptions": ["-XX:OnOutOfMemoryError=touch %s"],
                                    "arguments": [], "environment": {}, "port": %d, "healthPath": "/"}, "running": true},
                  "hello-1": {"spec": {"name": "hello-1", "kind": "hello", "port": %d, "parameters": {}}, "running": false}
                }}
                """.formatted(jar, marker, port, port));
        ProcessSupervisor second = new ProcessSupervisor();
        AppManager again = manager(second);
        try {
            again.start();
            assertThat(again.list()).extracting(AppView::name).containsExactly("hello-1");
            assertThat(Files.readString(dir.resolve("apps.json"))).doesNotContain("evil").doesNotContain("OnOutOfMemory");
            assertThat(second.process("app/evil")).isEmpty();
        } finally {
            again.close();
            second.close();
        }
    }

    private String get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Packs {@link HelloApp} into an executable jar. */
    private static Path helloJar(Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HelloApp.class.getName());
        String entry = HelloApp.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = HelloApp.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
        return target;
    }
}
