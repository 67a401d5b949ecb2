package dev.haneul.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code haneul test}: the whole test suite, as CI runs it. */
@Command(name = "test", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Runs the whole test suite, as CI does.",
            "",
            "Runs unit tests and integration tests (against real MariaDB and Redis processes, through the AWS "
                    + "SDK and the AWS CLI) with the Maven wrapper: ./mvnw -B verify. Extra arguments go to Maven, "
                    + "for example: ./haneul test -pl core. Exit status: Maven's."})
final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "MAVEN_ARGS", arity = "0..*", description = "Extra Maven arguments.")
    List<String> mavenArguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String home = System.getProperty("haneul.home");
        if (home == null || !new File(home, "mvnw").canExecute()) {
            spec.commandLine().getErr().println("haneul: run the tests from a Haneul checkout with ./haneul test");
            return 2;
        }
        List<String> command = new ArrayList<>(List.of(new File(home, "mvnw").getPath(), "-B", "verify"));
        command.addAll(mavenArguments);
        return new ProcessBuilder(command).directory(new File(home)).inheritIO().start().waitFor();
    }
}
