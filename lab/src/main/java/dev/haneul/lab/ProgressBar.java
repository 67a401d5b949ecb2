package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar for a long step (bytes streamed, rows written). On a terminal it redraws one line
 * in place ({@code \r}) at most every {@value #REDRAW_MILLIS} ms; elsewhere (a log file, a test's
 * output) it prints a line at each quarter, so captured output stays short. The total may be an
 * estimate: the bar stops at 99 % until {@link #finish()}.
 *
 * <p>Thread-safe: a pump thread may advance it while another thread waits.
 */
final class ProgressBar {

    /** What the bar counts, and how a quantity and a rate of it are written. */
    enum Unit {
        BYTES {
            @Override
            String amount(long n) {
                return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
            }

            @Override
            String rate(double perSecond) {
                return String.format(Locale.ROOT, "%.1f MB/s", perSecond / 1e6);
            }
        },
        ROWS {
            @Override
            String amount(long n) {
                return String.format(Locale.ROOT, "%,d rows", n);
            }

            @Override
            String rate(double perSecond) {
                return String.format(Locale.ROOT, "%,.0f rows/s", perSecond);
            }
        };

        abstract String amount(long n);

        abstract String rate(double perSecond);
    }

    private static final int WIDTH = 30;
    private static final long REDRAW_MILLIS = 200;

    private final PrintStream out;
    private final long labStarted;
    private final String prefix;
    private final String label;
    private final long total;
    private final Unit unit;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long done;
    private long lastDrawn;
    private int lastQuarter;
    private boolean finished;

    ProgressBar(PrintStream out, long labStarted, String prefix, String label, long total, Unit unit) {
        this.out = requireNonNull(out, "out");
        this.labStarted = labStarted;
        this.prefix = requireNonNull(prefix, "prefix");
        this.label = requireNonNull(label, "label");
        this.total = Math.max(1, total);
        this.unit = requireNonNull(unit, "unit");
        this.terminal = out == System.out && System.console() != null;
    }

    /** Counts {@code n} more units. */
    synchronized void advance(long n) {
        done += n;
        if (finished) {
            return;
        }
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastDrawn >= REDRAW_MILLIS * 1_000_000) {
                lastDrawn = now;
                out.print("\r" + line(Math.min(0.99, (double) done / total)));
                out.flush();
            }
        } else {
            int quarter = (int) Math.min(3, 4 * done / total);
            if (quarter > lastQuarter) {
                lastQuarter = quarter;
                out.println(line(quarter / 4.0));
                out.flush();
            }
        }
    }

    /** Draws the bar full with the final amount and rate, and ends its line. */
    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        out.print((terminal ? "\r" : "") + line(1.0) + System.lineSeparator());
        out.flush();
    }

    /** Units counted so far. */
    synchronized long done() {
        return done;
    }

    private String line(double fraction) {
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = (System.nanoTime() - started) / 1e9;
        return String.format(Locale.ROOT, "%6.1fs  %s - %-24s [%s%s] %3d%%  %s  %s   ",
                (System.nanoTime() - labStarted) / 1e9, prefix, label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                Math.round(fraction * 100), unit.amount(done), seconds > 0 ? unit.rate(done / seconds) : "");
    }
}
