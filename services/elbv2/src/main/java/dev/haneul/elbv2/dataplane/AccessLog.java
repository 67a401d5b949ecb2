package dev.haneul.elbv2.dataplane;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A load balancer's access log, one line per request in ALB's format (space-separated, quoted
 * where ALB quotes, {@code -} and {@code -1} for what does not apply), appended to a file.
 *
 * <p>I/O threads never write the file: they offer a line to a bounded queue and a virtual thread
 * appends batches. When the queue is full (the disk cannot keep up) lines are dropped and counted,
 * rather than slowing requests down.
 */
final class AccessLog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
    private static final int CAPACITY = 65_536;
    private static final String STOP = "";

    private final String lbName;
    private final Path file;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;

    AccessLog(String lbName, Path file) {
        this.lbName = lbName;
        this.file = file;
        this.writer = Thread.ofVirtual().name("elbv2-access-log-" + lbName).start(this::run);
    }

    Path file() {
        return file;
    }

    /** One request's line, as ALB writes it for an HTTP listener. */
    record Entry(Instant time, String elb, String client, String target, double requestTime, double targetTime,
                 double responseTime, int elbStatus, String targetStatus, long receivedBytes, long sentBytes,
                 @Nullable String request, @Nullable String userAgent, String targetGroupArn, String traceId, String domain,
                 int matchedRulePriority, Instant requestCreationTime, String actions, String redirectUrl,
                 @Nullable String errorReason) {

        String format() {
            return "http " + time + " " + elb + " " + client + " " + target + " "
                    + seconds(requestTime) + " " + seconds(targetTime) + " " + seconds(responseTime) + " "
                    + elbStatus + " " + targetStatus + " " + receivedBytes + " " + sentBytes + " "
                    + quote(request) + " " + quote(userAgent) + " - - " + dash(targetGroupArn) + " "
                    + quote(traceId) + " " + quote(domain) + " \"-\" " + matchedRulePriority + " "
                    + requestCreationTime + " " + quote(actions) + " " + quote(redirectUrl) + " " + quote(errorReason)
                    + " " + quote(target) + " " + quote(targetStatus) + " \"-\" \"-\" -";
        }

        private static String seconds(double s) {
            return s < 0 ? "-1" : String.format(Locale.ROOT, "%.3f", s);
        }

        private static String dash(@Nullable String s) {
            return s == null || s.isEmpty() ? "-" : s;
        }

        private static String quote(@Nullable String s) {
            return "\"" + (s == null || s.isEmpty() ? "-" : s.replace("\"", "\\\"")) + "\"";
        }
    }

    void append(Entry entry) {
        if (!queue.offer(entry.format())) {
            dropped.incrementAndGet();
        }
    }

    private void run() {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            log.error("elbv2/{} - cannot create the access log directory {}: {}", lbName, file.getParent(), e.toString());
            return;
        }
        List<String> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                String first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
            stopping |= batch.remove(STOP);
            if (!batch.isEmpty()) {
                write(batch);
                batch.clear();
            }
        }
        long lost = dropped.get();
        if (lost > 0) {
            log.warn("elbv2/{} - {} access log line(s) dropped because the log could not keep up", lbName, lost);
        }
    }

    private void write(List<String> lines) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (String line : lines) {
                out.write(line);
                out.newLine();
            }
        } catch (IOException e) {
            log.warn("elbv2/{} - cannot append {} line(s) to {}: {}", lbName, lines.size(), file, e.toString());
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
