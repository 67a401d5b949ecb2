package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import dev.haneul.lab.report.HtmlReport;
import dev.haneul.lab.report.Table;
import dev.haneul.lab.report.VerdictFields;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Runs one lab from start to finish: clears what an earlier run of it left behind, runs it, deletes
 * its resources whatever happened (also on Ctrl-C, from a shutdown hook), prints the verdict and the
 * tables and writes the HTML report to {@code <data dir>/labs/<name>-<time>.html}.
 */
public final class LabRunner {

    private LabRunner() {}

    /**
     * How a run ended.
     *
     * @param result what the lab found; {@code null} when it could not run
     * @param report the HTML report; {@code null} when it could not run or the report could not be written
     * @param failure why it could not run; {@code null} when it ran
     */
    public record Outcome(@Nullable LabResult result, @Nullable Path report, @Nullable Exception failure,
                          Duration elapsed) {
        /** 0 when the scenario ran, whatever it found; 1 when it could not run. */
        public int exitCode() {
            return failure == null ? 0 : 1;
        }
    }

    public static Outcome run(Lab lab, LabContext context, PrintStream out) throws InterruptedException {
        requireNonNull(lab, "lab");
        String prefix = "lab-" + lab.name();
        context.prefix(prefix);
        long start = System.nanoTime();
        context.log("%s%s", lab.question(), context.shortMode() ? " (short mode)" : "");
        Thread cleanupOnExit = new Thread(() -> {
            try {
                LabResources.deleteAll(context, prefix, lab.resources());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, prefix + "-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
        LabResult result = null;
        Exception failure = null;
        try {
            LabResources.deleteAll(context, prefix, lab.resources());
            result = lab.run(context);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failure = e;
            context.log("the scenario could not run: %s", e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            context.log("deleting the lab's resources");
            LabResources.deleteAll(context, prefix, lab.resources());
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs (and finds nothing left)
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (failure != null) {
            return new Outcome(null, null, failure, elapsed);
        }
        return report(lab, context, out, requireNonNull(result, "a lab that ran has a result"), elapsed);
    }

    private static Outcome report(Lab lab, LabContext context, PrintStream out, LabResult result, Duration elapsed)
            throws InterruptedException {
        out.println();
        out.println("haneul lab " + lab.name() + ": " + lab.question());
        for (String conclusion : result.conclusions()) {
            out.println("  * " + conclusion);
        }
        out.println();
        out.print(VerdictFields.table(result.verdict()).toText());
        for (Table table : result.tables()) {
            out.println();
            out.print(table.toText());
        }
        Path report;
        try {
            report = writeReport(lab, context, result, elapsed);
        } catch (IOException e) {
            out.println();
            out.println("haneul lab: could not write the report: " + e.getMessage());
            return new Outcome(result, null, null, elapsed);
        }
        out.println();
        out.printf(Locale.ROOT, "Finished in %.1f s. Report: %s%n", elapsed.toMillis() / 1000.0, report);
        out.flush();
        return new Outcome(result, report, null, elapsed);
    }

    private static Path writeReport(Lab lab, LabContext context, LabResult result, Duration elapsed)
            throws IOException, InterruptedException {
        Path dir = context.dataDir().resolve("labs");
        Files.createDirectories(dir);
        Path file = dir.resolve(lab.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".html");
        String footer = String.format(Locale.ROOT, "haneul lab run %s%s · %.1f s · %s", lab.name(),
                context.shortMode() ? " --short" : "", elapsed.toMillis() / 1000.0, context.endpoint());
        Files.writeString(file, HtmlReport.render(lab.name(), lab.question(), result.verdict(), result.conclusions(),
                result.tables(), result.charts(), result.notes(), footer), StandardCharsets.UTF_8);
        return file;
    }
}
