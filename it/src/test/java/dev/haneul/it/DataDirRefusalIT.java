package dev.haneul.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.config.HaneulConfig;
import dev.haneul.server.HaneulServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server process itself ({@code dev.haneul.server.Main}, as {@code haneul start} runs it)
 * refuses a data dir it cannot write: exit 3 and one line, never a stack trace. The faults are
 * real and stop root too (a directory replaced by a regular file).
 */
class DataDirRefusalIT {

    @TempDir
    Path dataDir;

    @Test
    void theServerProcessRefusesInOneLine() throws Exception {
        for (String sub : List.of("state", "engines", "logs")) {
            Path broken = dataDir.resolve(sub);
            Files.writeString(broken, "not a directory");
            Run run = main(dataDir);
            assertThat(run.exit()).as(run.output()).isEqualTo(3);
            assertThat(userLines(run.output())).as(run.output()).singleElement().satisfies(line -> assertThat(line)
                    .startsWith("haneul: cannot start: data dir " + dataDir + " cannot be used: " + broken
                            + " is not a directory"));
            Files.delete(broken);
        }
    }

    @Test
    void anEmbeddedServerRefusesWithTheSameLine() throws Exception {
        Files.writeString(dataDir.resolve("engines"), "not a directory");
        HaneulConfig config = HaneulConfig.fromEnvironment(Map.of("HANEUL_DATA_DIR", dataDir.toString(),
                "HANEUL_PORT", "0", "HANEUL_ADDRESS_RANGE", "127.33.0.0/16"), Path.of(System.getProperty("user.home")));
        assertThat(startProblem(config)).isEqualTo("data dir " + dataDir + " cannot be used: " + dataDir.resolve("engines")
                + " is not a directory; make it writable or choose another with HANEUL_DATA_DIR");
        assertThat(dataDir.resolve("server.lock")).doesNotExist();
    }

    private static String startProblem(HaneulConfig config) {
        try (HaneulServer server = HaneulServer.start(config)) {
            return "";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private record Run(int exit, String output) {}

    /**
     * The output without logback's own status lines, which only this test's class path causes
     * (two {@code logback-test.xml} on it; a user's has one {@code logback.xml}).
     */
    private static List<String> userLines(String output) {
        return output.lines().filter(l -> !l.isBlank() && !l.contains("|-INFO in ch.qos.logback")
                && !l.contains("|-WARN in ch.qos.logback")).toList();
    }

    private static Run main(Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "dev.haneul.server.Main").redirectErrorStream(true);
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("HANEUL_") && !k.equals("HANEUL_CACHE_DIR"));
        env.put("HANEUL_DATA_DIR", dataDir.toString());
        env.put("HANEUL_PORT", "0");
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
