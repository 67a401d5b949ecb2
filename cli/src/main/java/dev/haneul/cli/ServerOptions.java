package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The settings shared by the commands that find or start a server. Each flag overrides the
 * environment variable of the same setting.
 */
final class ServerOptions {

    // Each option is null when not given: its environment variable, else its default, applies.

    @Option(names = "--port", paramLabel = "PORT",
            description = "AWS API port on 127.0.0.1 (env HANEUL_PORT, default 4566).")
    @Nullable Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "State, engine data and logs (env HANEUL_DATA_DIR, default ~/.haneul).")
    @Nullable Path dataDir;

    @Option(names = "--address-range", paramLabel = "CIDR",
            description = "Loopback addresses for endpoints (env HANEUL_ADDRESS_RANGE, default 127.10.0.0/16).")
    @Nullable String addressRange;

    @Option(names = "--endpoint-mode", paramLabel = "MODE",
            description = "addresses (one loopback address per endpoint) or ports (127.0.0.1, one port per endpoint) "
                    + "(env HANEUL_ENDPOINT_MODE, default addresses).")
    @Nullable String endpointMode;

    @Option(names = "--auth", paramLabel = "MODE",
            description = "none (any access key), sigv4 (verify signatures) or iam (signatures and IAM policies) (env HANEUL_AUTH, default none).")
    @Nullable String auth;

    /** The environment with the flags applied, as the server process will see it. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        if (port != null) {
            env.put("HANEUL_PORT", port.toString());
        }
        if (dataDir != null) {
            env.put("HANEUL_DATA_DIR", dataDir.toAbsolutePath().toString());
        }
        if (addressRange != null) {
            env.put("HANEUL_ADDRESS_RANGE", addressRange);
        }
        if (endpointMode != null) {
            env.put("HANEUL_ENDPOINT_MODE", endpointMode);
        }
        if (auth != null) {
            env.put("HANEUL_AUTH", auth);
        }
        return env;
    }

    /** These options as command-line arguments, to pass on to another command. */
    List<String> arguments() {
        List<String> args = new ArrayList<>();
        if (port != null) {
            args.addAll(List.of("--port", port.toString()));
        }
        if (dataDir != null) {
            args.addAll(List.of("--data-dir", dataDir.toAbsolutePath().toString()));
        }
        if (addressRange != null) {
            args.addAll(List.of("--address-range", addressRange));
        }
        if (endpointMode != null) {
            args.addAll(List.of("--endpoint-mode", endpointMode));
        }
        if (auth != null) {
            args.addAll(List.of("--auth", auth));
        }
        return args;
    }

    /**
     * The validated configuration.
     *
     * @throws InvalidSettingException naming the variable (the command then exits with status 2)
     */
    HaneulConfig config() {
        try {
            return HaneulConfig.fromEnvironment(environment(), Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    /** A setting with a value Haneul cannot use; its message starts with the variable's name. */
    static final class InvalidSettingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidSettingException(String message) {
            super(message, null, false, false);
        }
    }
}
