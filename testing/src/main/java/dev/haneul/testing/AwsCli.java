package dev.haneul.testing;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real AWS CLI (v2 at {@code /usr/bin/aws} when present) against a Haneul endpoint with
 * test credentials, capturing its output. Tests that need it assume it is installed.
 */
public final class AwsCli {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final URI endpoint;

    public AwsCli(URI endpoint) {
        this.endpoint = requireNonNull(endpoint, "endpoint");
    }

    /** The AWS CLI binary, preferring v2 at /usr/bin/aws. */
    public static Optional<String> binary() {
        if (new File("/usr/bin/aws").canExecute()) {
            return Optional.of("/usr/bin/aws");
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && new File(dir, "aws").canExecute()) {
                return Optional.of(new File(dir, "aws").getPath());
            }
        }
        return Optional.empty();
    }

    /** Runs {@code aws --endpoint-url … args…} with JSON output and waits for it. */
    public AwsCliResult run(String... args) {
        return run(Map.of(), args);
    }

    /** The same with extra environment variables (for example another region or key). */
    public AwsCliResult run(Map<String, String> env, String... args) {
        String aws = binary().orElseThrow(() -> new IllegalStateException("the AWS CLI is not installed"));
        List<String> command = new ArrayList<>(List.of(aws, "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_PAGER", "");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        environment.remove("AWS_PROFILE");
        environment.remove("AWS_SESSION_TOKEN");
        environment.putAll(env);
        try {
            Path out = Files.createTempFile("aws-cli", ".out");
            Path err = Files.createTempFile("aws-cli", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("aws " + String.join(" ", args) + " did not finish within " + TIMEOUT);
                }
                return new AwsCliResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
