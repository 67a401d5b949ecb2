package dev.haneul.core.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The leak check must catch a real leak, or its silence proves nothing. */
class LeakDetectionExtensionTest {

    @Test
    void reportsABufferThatWasNeverReleased() {
        assertThat(ResourceLeakDetector.getLevel())
                .as("surefire's argLine sets -Dio.netty.leakDetection.level=paranoid")
                .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        // Keep the deliberate leak out of the build output, where any "LEAK:" means a real one.
        Logger detectorLogger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        detectorLogger.setAdditive(false);
        try {
            LeakDetectionExtension extension = new LeakDetectionExtension();
            extension.start();
            leakOneBuffer();

            // Until reported, however long garbage collection takes: a report arriving later would fail another class.
            List<String> reports;
            try {
                reports = await().atMost(Duration.ofSeconds(30)).until(extension::collect, leaks -> !leaks.isEmpty());
            } finally {
                extension.stop();
            }
            assertThat(reports).anySatisfy(report -> assertThat(report).contains("LEAK:"));
        } finally {
            detectorLogger.setAdditive(true);
        }
    }

    private static void leakOneBuffer() {
        PooledByteBufAllocator.DEFAULT.directBuffer(64).writeLong(42);
    }
}
