package dev.haneul.wafv2.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.Arn;
import dev.haneul.core.resource.BucketWriter;
import dev.haneul.core.resource.ResourceRegistry;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.wafv2.engine.InspectionRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WAF logging: Put/Get/Delete/ListLoggingConfiguration, and the writer of the log lines.
 *
 * <p>The destination must be named {@code aws-waf-logs-…}, as AWS requires: an S3 bucket
 * ({@code arn:aws:s3:::aws-waf-logs-…}, which must exist in Haneul's S3 and belong to the caller's
 * account), a CloudWatch Logs log group or a Firehose stream. {@link LogDelivery} writes the gzip
 * objects, to the bucket through the {@link BucketWriter} S3 publishes (see docs/fidelity.md).
 *
 * <p>{@link #inspected} runs on the load balancers' event loops: it only offers the record to a
 * bounded queue (records are dropped, and counted, when the writer falls behind); a virtual thread
 * filters, redacts, formats and appends.
 */
final class WafLogging implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WafLogging.class);
    private static final Pattern DESTINATION = Pattern.compile(
            "arn:aws[a-z-]*:(s3:::aws-waf-logs-[a-z0-9.-]{1,50}"
                    + "|logs:[a-z0-9-]+:\\d{12}:log-group:aws-waf-logs-[A-Za-z0-9_./#-]+?(:\\*)?"
                    + "|firehose:[a-z0-9-]+:\\d{12}:deliverystream/aws-waf-logs-[A-Za-z0-9_.-]+)");

    private final ScopedStore<WafState> store;
    private final ResourceOperations resources;
    private final ResourceRegistry registry;
    private final LogDelivery delivery;
    private final Map<String, JsonNode> active = new ConcurrentHashMap<>();
    private final BlockingQueue<InspectionRecord> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    WafLogging(ScopedStore<WafState> store, ResourceOperations resources, Path dataDir, ResourceRegistry registry) {
        this.store = store;
        this.resources = resources;
        this.registry = registry;
        this.delivery = new LogDelivery(this::s3, dataDir.resolve("wafv2").resolve("logs"));
        store.forEach((scope, state) -> active.putAll(state.loggingConfigurations()));
        this.writer = Thread.ofVirtual().name("wafv2-log-writer").start(this::drain);
    }

    /** S3's writer, when S3 runs. */
    private @Nullable BucketWriter s3() {
        return registry.find(BucketWriter.ARN, BucketWriter.class).orElse(null);
    }

    /** Hands a record to the writer if its web ACL logs; never blocks. */
    void inspected(InspectionRecord record) {
        if (active.containsKey(record.webAclArn()) && !queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    /** Records dropped because the writer fell behind. */
    long dropped() {
        return dropped.get();
    }

    // ---------------------------------------------------------------- the API

    Map<String, Object> put(RequestContext context, Map<String, Object> input) {
        ObjectNode configuration = WafJson.toJson("PutLoggingConfigurationRequest", input);
        ObjectNode config = (ObjectNode) configuration.path("LoggingConfiguration");
        String aclArn = config.path("ResourceArn").asText();
        WafResource acl = resources.webAcl(WafScopes.of(context), aclArn);
        JsonNode destinations = config.path("LogDestinationConfigs");
        if (destinations.size() != 1) {
            throw WafErrors.invalidParameter("LOG_DESTINATION", destinations.toString(),
                    "A logging configuration takes exactly one log destination");
        }
        String destination = destinations.get(0).asText();
        if (!DESTINATION.matcher(destination).matches()) {
            throw WafErrors.invalidParameter("LOG_DESTINATION", destination,
                    "The ARN isn't valid. The log destination's name must begin with aws-waf-logs-");
        }
        if (destination.contains(":s3:::")) {
            String bucket = destination.substring(destination.indexOf(":::") + 3);
            BucketWriter writer = s3();
            if (writer != null && !writer.owner(bucket).map(context.accountId()::equals).orElse(false)) {
                // The bucket must exist and belong to the web ACL's account (AWS then adds its bucket policy).
                throw WafErrors.nonexistent();
            }
        }
        if (destination.contains(":logs:") || destination.contains(":firehose:")) {
            Arn parsed = Arn.parse(destination).orElseThrow();
            if (!parsed.region().equals(context.region()) || !parsed.account().equals(context.accountId())) {
                throw WafErrors.invalidParameter("LOG_DESTINATION", destination,
                        "The log destination must be in the web ACL's account and Region");
            }
        }
        if (!config.has("LogType")) {
            config.put("LogType", "WAF_LOGS");
        }
        if (!config.has("LogScope")) {
            config.put("LogScope", "CUSTOMER");
        }
        config.put("ManagedByFirewallManager", false);
        store.write(WafScopes.of(context), state -> state.loggingConfigurations().put(acl.arn(), config));
        active.put(acl.arn(), config);
        log.info("wafv2 - web ACL {} logs to {}{}", acl.name(), destination,
                destination.contains(":s3:::") && s3() != null ? "" : " (" + delivery.fileDir(destination) + ")");
        return Map.of("LoggingConfiguration", WafJson.toTree("LoggingConfiguration", config));
    }

    Map<String, Object> get(RequestContext context, Map<String, Object> input) {
        String arn = String.valueOf(input.get("ResourceArn"));
        JsonNode config = store.read(WafScopes.of(context), state -> state.loggingConfigurations().get(arn));
        if (config == null) {
            throw WafErrors.nonexistent();
        }
        return Map.of("LoggingConfiguration", WafJson.toTree("LoggingConfiguration", config));
    }

    Map<String, Object> delete(RequestContext context, Map<String, Object> input) {
        String arn = String.valueOf(input.get("ResourceArn"));
        JsonNode removed = store.write(WafScopes.of(context), state -> state.loggingConfigurations().remove(arn));
        if (removed == null) {
            throw WafErrors.nonexistent();
        }
        active.remove(arn);
        return Map.of();
    }

    Map<String, Object> list(RequestContext context, Map<String, Object> input) {
        String wafScope = WafScopes.check(context, input.get("Scope"));
        List<Object> configurations = new ArrayList<>();
        store.read(WafScopes.of(context), state -> {
            state.loggingConfigurations().forEach((arn, config) -> {
                WafResource acl = state.resources().get(arn);
                if (acl != null && acl.wafScope().equals(wafScope)) {
                    configurations.add(WafJson.toTree("LoggingConfiguration", config));
                }
            });
            return null;
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("LoggingConfigurations", configurations);
        return out;
    }

    /** Forgets a deleted web ACL's configuration (the state already has). */
    void forget(String webAclArn) {
        active.remove(webAclArn);
    }

    // ---------------------------------------------------------------- the writer

    private void drain() {
        try {
            while (!closed || !queue.isEmpty()) {
                InspectionRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<InspectionRecord> batch = new ArrayList<>();
                    batch.add(first);
                    queue.drainTo(batch, 999);
                    for (InspectionRecord record : batch) {
                        write(record);
                    }
                }
                delivery.flush(System.currentTimeMillis(), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delivery.flush(System.currentTimeMillis(), true);
        }
    }

    private void write(InspectionRecord record) {
        JsonNode config = active.get(record.webAclArn());
        if (config == null || !WafLogFormat.keep(config, record)) {
            return;
        }
        try {
            delivery.add(config.path("LogDestinationConfigs").path(0).asText(), record.webAclArn(), record.timeMillis(),
                    WafLogFormat.line(config, record), System.currentTimeMillis());
        } catch (RuntimeException e) {
            log.warn("wafv2 - could not write a log line of {}: {}", record.webAclArn(), e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
