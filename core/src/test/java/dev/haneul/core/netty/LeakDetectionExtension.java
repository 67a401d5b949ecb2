package dev.haneul.core.netty;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test class when Netty's leak detector reports a {@code LEAK:} while it runs, as armeria's
 * build does. The surefire argLine turns detection to paranoid; after the class, this extension
 * collects garbage and allocates a few buffers, which is when the detector reports what it found.
 *
 * <p>It also quiets {@code io.netty} and {@code dev.haneul.core} to INFO when no logback
 * configuration set their level, so per-connection debug lines do not flood the test output.
 */
public final class LeakDetectionExtension implements BeforeAllCallback, AfterAllCallback {

    private static final String DETECTOR_LOGGER = ResourceLeakDetector.class.getName();
    private static final int REPORT_ROUNDS = 5;

    private final LeakAppender appender = new LeakAppender();

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = stopAndCollect();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty leak report(s) in " + context.getDisplayName() + ":\n"
                    + String.join("\n\n", leaks));
        }
    }

    void start() {
        quietIfUnconfigured("io.netty");
        quietIfUnconfigured("dev.haneul.core");
        Logger detectorLogger = (Logger) LoggerFactory.getLogger(DETECTOR_LOGGER);
        appender.setContext(detectorLogger.getLoggerContext());
        appender.start();
        detectorLogger.addAppender(appender);
    }

    /** Makes the detector report what it holds (a few rounds), stops listening and returns the reports. */
    List<String> stopAndCollect() {
        try {
            List<String> leaks = collect();
            for (int round = 1; round < REPORT_ROUNDS && leaks.isEmpty(); round++) {
                leaks = collect();
            }
            return leaks;
        } finally {
            stop();
        }
    }

    /** One round: collect garbage, then let the detector poll its queue; returns every report so far. */
    List<String> collect() {
        System.gc();
        // The detector polls its reference queue when the next buffer is tracked.
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        pooled.release();
        ByteBuf unpooled = Unpooled.directBuffer(16);
        unpooled.release();
        return List.copyOf(appender.leaks);
    }

    void stop() {
        ((Logger) LoggerFactory.getLogger(DETECTOR_LOGGER)).detachAppender(appender);
        appender.stop();
    }

    private static void quietIfUnconfigured(String name) {
        Logger logger = (Logger) LoggerFactory.getLogger(name);
        if (logger.getLevel() == null) {
            logger.setLevel(Level.INFO);
        }
    }

    private static final class LeakAppender extends AppenderBase<ILoggingEvent> {
        final List<String> leaks = new CopyOnWriteArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String message = event.getFormattedMessage();
            if (message != null && message.contains("LEAK:")) {
                leaks.add(message);
            }
        }
    }
}
