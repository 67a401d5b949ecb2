package dev.haneul.cli;

import dev.haneul.core.config.HaneulConfig;
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code haneul aws …}: the AWS CLI, pointed at Haneul. */
@Command(name = "aws", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Runs the AWS CLI against Haneul.",
            "",
            "Everything after 'aws' is passed to the AWS CLI, with --endpoint-url set to the server, the test "
                    + "credentials (test/test) and the region (AWS_DEFAULT_REGION, else us-east-1). Prefers the AWS "
                    + "CLI v2 at /usr/bin/aws (Debian package awscli), else the first 'aws' on PATH.",
            "",
            "Example: ./haneul aws rds describe-db-clusters   (the AWS CLI's own help: ./haneul aws help)",
            "",
            "Exit status: the AWS CLI's (254 for a service error), 127 when no AWS CLI is installed."})
final class AwsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "The AWS CLI command and its arguments.")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        HaneulConfig config = options.config();
        Optional<String> aws = findAwsCli();
        if (aws.isEmpty()) {
            err.println("haneul: the AWS CLI is not installed; install v2 (Debian: apt-get install awscli).");
            return 127;
        }
        List<String> command = new ArrayList<>();
        command.add(aws.get());
        if (!arguments.contains("--endpoint-url")) {
            command.add("--endpoint-url");
            command.add("http://127.0.0.1:" + new ServerClient(config).port());
        }
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        Map<String, String> env = builder.environment();
        env.putAll(options.environment());
        env.put("AWS_ACCESS_KEY_ID", env.getOrDefault("HANEUL_AWS_ACCESS_KEY_ID", HaneulConfig.DEFAULT_ACCESS_KEY));
        env.put("AWS_SECRET_ACCESS_KEY", env.getOrDefault("HANEUL_AWS_SECRET_ACCESS_KEY", HaneulConfig.DEFAULT_SECRET_KEY));
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_PROFILE");
        env.putIfAbsent("AWS_DEFAULT_REGION", env.getOrDefault("AWS_REGION", config.defaultRegion()));
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return builder.start().waitFor();
    }

    /** {@code /usr/bin/aws} (the AWS CLI v2 Debian installs), else the first {@code aws} on PATH. */
    static Optional<String> findAwsCli() {
        if (new File("/usr/bin/aws").canExecute()) {
            return Optional.of("/usr/bin/aws");
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            File candidate = new File(dir, "aws");
            if (!dir.isEmpty() && candidate.canExecute()) {
                return Optional.of(candidate.getAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
