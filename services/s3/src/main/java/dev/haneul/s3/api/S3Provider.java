package dev.haneul.s3.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceHealth;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.api.ServiceReport;
import dev.haneul.core.api.ValidationStyle;
import dev.haneul.core.gateway.CrossOriginPolicy;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ProtocolOptions;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.state.Scope;
import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.store.BucketInfo;
import dev.haneul.s3.store.RequestAccounting;
import dev.haneul.s3.store.S3Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Amazon S3 on the {@link S3Store} under {@code <data dir>/s3}: path-style and virtual-hosted
 * requests ({@link VirtualHostAddressing}), S3's bare {@code <Error>} bodies, 206 for ranges and
 * 304 for {@code If-None-Match}/{@code If-Modified-Since}. Operations are grouped by what they
 * act on ({@link BucketApi}, {@link ObjectApi}, {@link ListingApi}, {@link MultipartApi},
 * {@link BucketConfigApi}); this class binds them, opens the store and counts every request per
 * bucket ({@link RequestAccounting}: the classes S3 bills by, bytes in and out).
 */
public final class S3Provider implements ServiceProvider, CrossOriginPolicy {

    private static final Logger log = LoggerFactory.getLogger(S3Provider.class);

    static final ServiceModel MODEL = ServiceModel.fromResource(S3Provider.class, "/dev/haneul/s3/service-2.json");

    /** An output member the model does not bind: the answer is 304 Not Modified. */
    static final String NOT_MODIFIED = "@NotModified";

    private final Path root;
    private final Clock clock;
    private final String accountId;
    private @Nullable S3Store store;
    private @Nullable BucketConfigs configs;
    private @Nullable Operations operations;
    private @Nullable BucketCors cors;

    public S3Provider(Path root, Clock clock, String accountId) {
        this.root = requireNonNull(root, "root");
        this.clock = requireNonNull(clock, "clock");
        this.accountId = requireNonNull(accountId, "accountId");
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public ServiceModel model() {
        return MODEL;
    }

    @Override
    public ProtocolOptions protocolOptions() {
        return ProtocolOptions.DEFAULTS.withHostAddressing(new VirtualHostAddressing())
                .withXmlErrorEnvelope(ProtocolOptions.XmlErrorEnvelope.ERROR)
                .withResponseStatus(S3Provider::status)
                .withBareOutputs(Set.of("GetBucketLocation"))
                .withXmlRootNames(XmlRoots.BY_OPERATION);
    }

    @Override
    public ValidationStyle validationStyle() {
        return ValidationStyle.QUERY;
    }

    /**
     * A request without authentication is an anonymous caller's ({@link #acceptsAnonymous()}); one
     * the gateway refuses (no authorization step let it through) is S3's {@code AccessDenied}. A
     * malformed signature keeps its code.
     */
    @Override
    public AwsServiceException unauthenticated(AwsServiceException failure) {
        if (failure.code().startsWith("MissingAuthenticationToken")) {
            return S3Error.ACCESS_DENIED.exception();
        }
        return failure;
    }

    /**
     * An unsigned request is the anonymous principal's: the gateway's authorization lets it do
     * what the bucket's policy grants everyone ({@code "Principal": "*"}) and nothing else
     * (ACLs are not emulated: see docs/fidelity.md).
     */
    @Override
    public boolean acceptsAnonymous() {
        return true;
    }

    @Override
    public void start() {
        try {
            S3Store opened = S3Store.open(root, new S3Store.Options(true, clock));
            BucketConfigs bucketConfigs = new BucketConfigs(root.resolve("configs"));
            Operations.Builder table = Operations.builder(MODEL);
            new BucketApi(opened, bucketConfigs, accountId).bind(table);
            new BucketConfigApi(opened, bucketConfigs).bind(table);
            new ObjectApi(opened, clock).bind(table);
            new ListingApi(opened, accountId).bind(table);
            new MultipartApi(opened, accountId).bind(table);
            this.store = opened;
            this.configs = bucketConfigs;
            this.cors = new BucketCors(opened, bucketConfigs);
            this.operations = table.build();
        } catch (IOException e) {
            throw new UncheckedIOException("s3 - cannot open the object store at " + root, e);
        }
    }

    /** Browsers' cross-origin requests to buckets, by their CORS configuration ({@link BucketCors}). */
    @Override
    public Optional<Answer> evaluate(Request request) {
        BucketCors policy = cors;
        return policy == null ? Optional.empty() : policy.evaluate(request);
    }

    /** The operations bound, by name (tests). */
    Set<String> implemented() {
        store();
        return requireNonNull(operations).implemented();
    }

    /** The store, opening it if {@link #start()} was not called (tests). */
    S3Store store() {
        if (store == null) {
            start();
        }
        return requireNonNull(store);
    }

    @Override
    public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> input) {
        S3Store s3 = store();
        Operations table = requireNonNull(operations);
        Object bucket = input.get("Bucket");
        Map<String, Object> output = null;
        try {
            output = table.invoke(context, operation, input);
            return output;
        } finally {
            // Only a bucket that exists after the call is counted: DeleteBucket drops its counters,
            // and a request to a missing bucket must not bring back a row for it.
            if (bucket instanceof String name && s3.hasBucket(name)) {
                s3.accounting().record(name, requestClass(operation.name()), bytes(input.get("Body")),
                        output == null ? 0 : bytes(output.get("Body")));
            }
        }
    }

    private static long bytes(@Nullable Object body) {
        return body instanceof StreamingBlob blob ? Math.max(0, blob.contentLength()) : 0;
    }

    /** S3's pricing classes: PUT, COPY, POST and LIST requests; GET and other reads; the rest (deletes are free). */
    static RequestAccounting.RequestClass requestClass(String operation) {
        if (operation.startsWith("Put") || operation.startsWith("Copy") || operation.startsWith("List")
                || operation.startsWith("Create") || operation.startsWith("Complete") || operation.startsWith("UploadPart")
                || operation.equals("RestoreObject")) {
            return RequestAccounting.RequestClass.PUT_COPY_POST_LIST;
        }
        if (operation.startsWith("Get") || operation.startsWith("Head") || operation.startsWith("Select")) {
            return RequestAccounting.RequestClass.GET;
        }
        return RequestAccounting.RequestClass.OTHER;
    }

    private static int status(OperationModel operation, Map<String, Object> output, int status) {
        if (Boolean.TRUE.equals(output.get(NOT_MODIFIED))) {
            return 304;
        }
        if (operation.name().equals("GetObject") && output.get("ContentRange") != null) {
            return 206;
        }
        return status;
    }

    @Override
    public ServiceHealth health() {
        if (store == null) {
            return ServiceHealth.starting("opening the object store", Map.of());
        }
        return ServiceHealth.running(Map.of("buckets", store.allBuckets().size()));
    }

    /**
     * Requests per bucket in S3's pricing classes and bytes in and out since the bucket was
     * created, for {@code /_haneul/health} and {@code haneul status}.
     */
    @Override
    public Optional<ServiceReport> report() {
        Map<String, RequestAccounting.Usage> usage = usage();
        if (usage.isEmpty()) {
            return Optional.empty();
        }
        List<List<Object>> rows = new ArrayList<>();
        new TreeMap<>(usage).forEach((bucket, u) -> rows.add(List.of(bucket, u.putCopyPostList(), u.get(), u.other(),
                u.bytesIn(), u.bytesOut())));
        return Optional.of(new ServiceReport("S3 requests by bucket",
                List.of("BUCKET", "PUT/COPY/POST/LIST", "GET", "OTHER", "BYTES IN", "BYTES OUT"), rows));
    }

    /** Request counts and bytes per bucket since the store was created, for the API view and status. */
    public Map<String, RequestAccounting.Usage> usage() {
        return store == null ? Map.of() : new LinkedHashMap<>(store.accounting().usage());
    }

    /**
     * A bucket's policy for the bucket's ARN and its objects' ({@code arn:aws:s3:::bucket/key}).
     * Bucket names are global, so the scope does not narrow the search.
     */
    @Override
    public Optional<String> resourcePolicy(Scope scope, String arn) {
        if (configs == null || !arn.startsWith("arn:aws:s3:::")) {
            return Optional.empty();
        }
        String resource = arn.substring("arn:aws:s3:::".length());
        int slash = resource.indexOf('/');
        String bucket = slash < 0 ? resource : resource.substring(0, slash);
        return configs.get(bucket).policyDocument();
    }

    @Override
    public Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        if (store == null || !arn.startsWith("arn:aws:s3:::") || arn.indexOf('/') >= 0) {
            return Optional.empty();
        }
        try {
            BucketInfo info = store.bucket(arn.substring("arn:aws:s3:::".length()));
            return Optional.of(info.tags().tags());
        } catch (RuntimeException e) {
            return Optional.empty(); // NoSuchBucket
        }
    }

    @Override
    public void close() {
        if (store != null) {
            try {
                store.close();
            } catch (IOException e) {
                log.warn("s3 - closing the object store failed", e);
            }
        }
    }

    /** {@code S3Error}'s exception for a request S3 would refuse for a bad argument. */
    static RuntimeException invalidArgument(String message, String name, String value) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ArgumentName", name);
        fields.put("ArgumentValue", value);
        return S3Error.INVALID_ARGUMENT.exception(message, fields);
    }
}
