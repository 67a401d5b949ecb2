package dev.haneul.wafv2.api;

import dev.haneul.core.resource.BucketWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers WAF log lines as AWS does to an S3 destination: gzip-compressed JSON lines in objects
 * named {@code AWSLogs/<account>/WAFLogs/<region>/<web ACL>/yyyy/MM/dd/HH/mm/<account>_waflogs_<region>_<web
 * ACL>_<yyyyMMdd'T'HHmm'Z'>_<8 hex>.log.gz}, the folder and stamp being the five-minute period the
 * lines belong to.
 *
 * <p>AWS publishes a file every five minutes (or at 75 MB); here a file is published every
 * {@value #FLUSH_MILLIS} ms, or once {@value #MAX_UNCOMPRESSED} bytes of lines are waiting, so a
 * test or a user sees the lines seconds after the requests (several objects per five-minute
 * folder, each with its own suffix). S3 destinations go to Haneul's S3 through the
 * {@link BucketWriter} it publishes; CloudWatch Logs and Firehose destinations, which Haneul does
 * not run, and S3 destinations while S3 is not running, go to files of the same names under
 * {@code <data dir>/wafv2/logs/<destination name>/}.
 *
 * <p>Not thread-safe: used by the one writer thread of {@link WafLogging}.
 */
final class LogDelivery {

    static final long FLUSH_MILLIS = 5_000;
    static final int MAX_UNCOMPRESSED = 4 * 1024 * 1024;
    static final String CONTENT_TYPE = "application/octet-stream";

    private static final Logger log = LoggerFactory.getLogger(LogDelivery.class);
    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    private final Supplier<@Nullable BucketWriter> s3;
    private final Path fileRoot;
    private final Map<Target, Batch> open = new HashMap<>();

    /** Where one object goes: the destination and the key's parts. */
    record Target(String destinationArn, String account, String region, String webAclName, long periodMillis) {

        String bucketOrName() {
            String name = destinationArn.substring(destinationArn.indexOf("aws-waf-logs-"));
            int colon = name.indexOf(':');
            return colon < 0 ? name : name.substring(0, colon);
        }

        boolean s3() {
            return destinationArn.contains(":s3:::");
        }

        String key(String suffix) {
            Instant period = Instant.ofEpochMilli(periodMillis);
            return "AWSLogs/" + account + "/WAFLogs/" + region + "/" + webAclName + "/" + FOLDER.format(period) + "/"
                    + account + "_waflogs_" + region + "_" + webAclName + "_" + STAMP.format(period) + "_" + suffix
                    + ".log.gz";
        }
    }

    private static final class Batch {
        final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        final OutputStream gzip;
        final long startedMillis;
        long uncompressed;

        Batch(long startedMillis) {
            this.startedMillis = startedMillis;
            try {
                gzip = new GZIPOutputStream(compressed, 64 * 1024);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    LogDelivery(Supplier<@Nullable BucketWriter> s3, Path fileRoot) {
        this.s3 = s3;
        this.fileRoot = fileRoot;
    }

    /** Where the objects of a destination go when not to S3. */
    Path fileDir(String destinationArn) {
        return fileRoot.resolve(new Target(destinationArn, "", "", "", 0).bucketOrName());
    }

    /** Adds one line (JSON, without the newline) to its object. */
    void add(String destinationArn, String webAclArn, long timeMillis, String line, long nowMillis) {
        String[] arn = webAclArn.split(":", 6);
        String region = arn.length > 3 ? arn[3] : "";
        String account = arn.length > 4 ? arn[4] : "";
        String[] resource = arn.length > 5 ? arn[5].split("/") : new String[0];
        String aclName = resource.length > 2 ? resource[2] : "webacl";
        if (resource.length > 0 && resource[0].equals("global")) {
            region = "cloudfront";
        }
        Target target = new Target(destinationArn, account, region, aclName, timeMillis - timeMillis % 300_000);
        Batch batch = open.computeIfAbsent(target, t -> new Batch(nowMillis));
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            batch.gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.uncompressed += bytes.length;
        if (batch.uncompressed >= MAX_UNCOMPRESSED) {
            open.remove(target);
            publish(target, batch);
        }
    }

    /** Publishes the objects that waited {@value #FLUSH_MILLIS} ms, or all of them with {@code all}. */
    void flush(long nowMillis, boolean all) {
        for (Iterator<Map.Entry<Target, Batch>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Target, Batch> entry = it.next();
            if (all || nowMillis - entry.getValue().startedMillis >= FLUSH_MILLIS) {
                it.remove();
                publish(entry.getKey(), entry.getValue());
            }
        }
    }

    private void publish(Target target, Batch batch) {
        byte[] body;
        try {
            batch.gzip.close();
            body = batch.compressed.toByteArray();
        } catch (IOException e) {
            log.warn("wafv2 - could not compress a log object: {}", e.toString());
            return;
        }
        String key = target.key(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        BucketWriter writer = target.s3() ? s3.get() : null;
        try {
            if (writer != null) {
                writer.put(target.bucketOrName(), key, new ByteArrayInputStream(body), body.length, CONTENT_TYPE);
            } else {
                Path file = fileRoot.resolve(target.bucketOrName()).resolve(key);
                Files.createDirectories(file.getParent());
                Files.write(file, body);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("wafv2 - could not deliver the log object {} to {}: {}", key, target.destinationArn(), e.toString());
        }
    }
}
