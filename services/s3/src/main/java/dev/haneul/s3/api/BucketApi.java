package dev.haneul.s3.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.error.S3Exception;
import dev.haneul.s3.store.BucketInfo;
import dev.haneul.s3.store.S3Store;
import dev.haneul.s3.store.TagSet;
import dev.haneul.s3.store.VersioningState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Buckets themselves: create (with {@code LocationConstraint} and S3's region rules), head, list,
 * delete ({@code BucketNotEmpty}), location, versioning and tagging.
 */
final class BucketApi {

    private static final String US_EAST_1 = "us-east-1";

    private final S3Store store;
    private final BucketConfigs configs;
    private final String ownerId;

    BucketApi(S3Store store, BucketConfigs configs, String accountId) {
        this.store = requireNonNull(store, "store");
        this.configs = requireNonNull(configs, "configs");
        this.ownerId = canonicalId(accountId);
    }

    void bind(Operations.Builder table) {
        table.addTree("CreateBucket", io(this::createBucket))
                .addTree("HeadBucket", io(this::headBucket))
                .addTree("ListBuckets", io(this::listBuckets))
                .addTree("DeleteBucket", io(this::deleteBucket))
                .addTree("GetBucketLocation", io(this::getBucketLocation))
                .addTree("PutBucketVersioning", io(this::putBucketVersioning))
                .addTree("GetBucketVersioning", io(this::getBucketVersioning))
                .addTree("PutBucketTagging", io(this::putBucketTagging))
                .addTree("GetBucketTagging", io(this::getBucketTagging))
                .addTree("DeleteBucketTagging", io(this::deleteBucketTagging));
    }

    /** An S3 handler that may fail on I/O. */
    @FunctionalInterface
    interface IoHandler {
        Map<String, Object> handle(RequestContext context, Input input) throws IOException;
    }

    static Operations.TreeHandler io(IoHandler handler) {
        return (context, values) -> {
            try {
                return handler.handle(context, new Input(values));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private Map<String, Object> createBucket(RequestContext context, Input in) throws IOException {
        String name = in.bucket();
        String region = context.region();
        Optional<String> constraint = in.structure("CreateBucketConfiguration")
                .flatMap(c -> c.text("LocationConstraint"));
        if (constraint.isPresent()) {
            if (constraint.get().equals(US_EAST_1)) {
                throw new AwsServiceException(400, "InvalidLocationConstraint",
                        "The specified location-constraint is not valid");
            }
            if (!constraint.get().equals(region)) {
                throw illegalConstraint("The " + constraint.get() + " location constraint is incompatible for the"
                        + " region specific endpoint this request was sent to.");
            }
        } else if (!region.equals(US_EAST_1)) {
            throw illegalConstraint("The unspecified location constraint is incompatible for the region specific"
                    + " endpoint this request was sent to.");
        }
        BucketInfo info;
        try {
            info = store.createBucket(name, context.accountId(), region);
        } catch (S3Exception e) {
            if (e.error() == S3Error.BUCKET_ALREADY_OWNED_BY_YOU && region.equals(US_EAST_1)) {
                info = store.bucket(name); // us-east-1 answers a repeated CreateBucket of one's own with 200
            } else {
                throw e;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Location", "/" + info.name());
        out.put("BucketArn", info.arn());
        return out;
    }

    private static AwsServiceException illegalConstraint(String message) {
        return new AwsServiceException(400, "IllegalLocationConstraintException", message);
    }

    private Map<String, Object> headBucket(RequestContext context, Input in) {
        BucketInfo info = store.bucket(in.bucket());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("BucketRegion", info.region());
        out.put("AccessPointAlias", Boolean.FALSE);
        return out;
    }

    private Map<String, Object> listBuckets(RequestContext context, Input in) {
        String prefix = in.string("Prefix").orElse("");
        Optional<String> region = in.text("BucketRegion");
        Optional<String> after = in.text("ContinuationToken");
        int max = in.integer("MaxBuckets").orElse(Integer.MAX_VALUE);
        List<Map<String, Object>> buckets = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (BucketInfo info : store.listBuckets(context.accountId())) {
            if (!info.name().startsWith(prefix) || region.isPresent() && !region.get().equals(info.region())
                    || after.isPresent() && info.name().compareTo(after.get()) <= 0) {
                continue;
            }
            if (buckets.size() == max) {
                more = true;
                break;
            }
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("Name", info.name());
            bucket.put("CreationDate", info.created());
            bucket.put("BucketRegion", info.region());
            bucket.put("BucketArn", info.arn());
            buckets.add(bucket);
            last = info.name();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Buckets", buckets);
        out.put("Owner", owner());
        if (more && last != null) {
            out.put("ContinuationToken", last);
        }
        if (!prefix.isEmpty()) {
            out.put("Prefix", prefix);
        }
        return out;
    }

    Map<String, Object> owner() {
        return Map.of("ID", ownerId);
    }

    private Map<String, Object> deleteBucket(RequestContext context, Input in) throws IOException {
        String name = in.bucket();
        store.deleteBucket(name);
        configs.forget(name);
        return Map.of();
    }

    private Map<String, Object> getBucketLocation(RequestContext context, Input in) {
        BucketInfo info = store.bucket(in.bucket());
        Map<String, Object> out = new LinkedHashMap<>();
        if (!info.region().equals(US_EAST_1)) {
            out.put("LocationConstraint", info.region());
        }
        return out;
    }

    private Map<String, Object> putBucketVersioning(RequestContext context, Input in) throws IOException {
        String status = in.structure("VersioningConfiguration").flatMap(c -> c.text("Status")).orElse("");
        VersioningState state = switch (status) {
            case "Enabled" -> VersioningState.ENABLED;
            case "Suspended" -> VersioningState.SUSPENDED;
            default -> throw S3Error.BAD_REQUEST.exception("The XML you provided was not well-formed or did not"
                    + " validate against our published schema", Map.of());
        };
        store.setVersioning(in.bucket(), state);
        return Map.of();
    }

    private Map<String, Object> getBucketVersioning(RequestContext context, Input in) {
        Map<String, Object> out = new LinkedHashMap<>();
        store.bucket(in.bucket()).versioning().status().ifPresent(status -> out.put("Status", status));
        return out;
    }

    private Map<String, Object> putBucketTagging(RequestContext context, Input in) throws IOException {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        in.structure("Tagging").ifPresent(t -> t.list("TagSet")
                .forEach(tag -> tags.add(Map.entry(tag.string("Key").orElse(""), tag.string("Value").orElse("")))));
        store.putBucketTags(in.bucket(), TagSet.forBucket(tags));
        return Map.of();
    }

    private Map<String, Object> getBucketTagging(RequestContext context, Input in) {
        return Map.of("TagSet", tagList(store.bucketTags(in.bucket())));
    }

    private Map<String, Object> deleteBucketTagging(RequestContext context, Input in) throws IOException {
        store.deleteBucketTags(in.bucket());
        return Map.of();
    }

    static List<Map<String, Object>> tagList(TagSet tags) {
        List<Map<String, Object>> list = new ArrayList<>();
        tags.tags().forEach((key, value) -> list.add(Map.of("Key", key, "Value", value)));
        return list;
    }

    /** A stable 64-hex canonical user id for an account, as S3 shows owners. */
    static String canonicalId(String accountId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("haneul-s3-owner:" + accountId)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
