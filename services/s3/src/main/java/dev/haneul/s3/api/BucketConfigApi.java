package dev.haneul.s3.api;

import static dev.haneul.s3.api.BucketApi.io;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.s3.store.GetObjectOptions;
import dev.haneul.s3.store.S3Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bucket configurations kept beside the store ({@link BucketConfigs}): the bucket policy (which the
 * IAM engine reads through {@link S3Provider#resourcePolicy}) and CORS rules; and the answers S3
 * gives for configurations Haneul does not emulate when none is set (lifecycle, replication,
 * Object Lock, notifications, encryption: see docs/fidelity.md).
 */
final class BucketConfigApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Store store;
    private final BucketConfigs configs;

    BucketConfigApi(S3Store store, BucketConfigs configs) {
        this.store = requireNonNull(store, "store");
        this.configs = requireNonNull(configs, "configs");
    }

    void bind(Operations.Builder table) {
        table.addTree("PutBucketPolicy", io(this::putBucketPolicy))
                .addTree("GetBucketPolicy", io(this::getBucketPolicy))
                .addTree("DeleteBucketPolicy", io(this::deleteBucketPolicy))
                .addTree("PutBucketCors", io(this::putBucketCors))
                .addTree("GetBucketCors", io(this::getBucketCors))
                .addTree("DeleteBucketCors", io(this::deleteBucketCors))
                .addTree("GetBucketLifecycleConfiguration", io((context, in) -> {
                    store.bucket(in.bucket());
                    throw notFound("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");
                }))
                .addTree("GetBucketReplication", io((context, in) -> {
                    store.bucket(in.bucket());
                    throw notFound("ReplicationConfigurationNotFoundError", "The replication configuration was not found");
                }))
                .addTree("GetObjectLockConfiguration", io((context, in) -> {
                    store.bucket(in.bucket());
                    throw notFound("ObjectLockConfigurationNotFoundError",
                            "Object Lock configuration does not exist for this bucket");
                }))
                .addTree("GetBucketNotificationConfiguration", io((context, in) -> {
                    store.bucket(in.bucket());
                    return Map.of();
                }))
                .addTree("GetBucketEncryption", io((context, in) -> {
                    store.bucket(in.bucket());
                    return Map.of("ServerSideEncryptionConfiguration", Map.of("Rules", List.of(Map.of(
                            "ApplyServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"),
                            "BucketKeyEnabled", Boolean.FALSE))));
                }))
                .addTree("GetBucketAcl", io((context, in) -> {
                    store.bucket(in.bucket());
                    return fullControl(context);
                }))
                .addTree("GetObjectAcl", io((context, in) -> {
                    store.headObject(in.bucket(), in.key(), GetObjectOptions.latest());
                    return fullControl(context);
                }));
    }

    private static Map<String, Object> fullControl(RequestContext context) {
        Map<String, Object> owner = Map.of("ID", BucketApi.canonicalId(context.accountId()));
        Map<String, Object> grantee = new LinkedHashMap<>(owner);
        grantee.put("Type", "CanonicalUser");
        return Map.of("Owner", owner, "Grants", List.of(Map.of("Grantee", grantee, "Permission", "FULL_CONTROL")));
    }

    private static AwsServiceException notFound(String code, String message) {
        return new AwsServiceException(404, code, message);
    }

    private Map<String, Object> putBucketPolicy(RequestContext context, Input in) {
        String bucket = in.bucket();
        store.bucket(bucket);
        String policy = in.string("Policy").orElse("");
        try {
            if (!policy.strip().startsWith("{") || !JSON.readTree(policy).isObject()) {
                throw malformedPolicy();
            }
        } catch (JsonProcessingException e) {
            throw malformedPolicy();
        }
        configs.update(bucket, config -> config.withPolicy(policy));
        return Map.of();
    }

    private static AwsServiceException malformedPolicy() {
        return new AwsServiceException(400, "MalformedPolicy",
                "Policies must be valid JSON and the first byte must be '{'");
    }

    private Map<String, Object> getBucketPolicy(RequestContext context, Input in) {
        String bucket = in.bucket();
        store.bucket(bucket);
        String policy = configs.get(bucket).policyDocument()
                .orElseThrow(() -> notFound("NoSuchBucketPolicy", "The bucket policy does not exist"));
        return Map.of("Policy", policy);
    }

    private Map<String, Object> deleteBucketPolicy(RequestContext context, Input in) {
        String bucket = in.bucket();
        store.bucket(bucket);
        configs.update(bucket, config -> config.withPolicy(null));
        return Map.of();
    }

    private Map<String, Object> putBucketCors(RequestContext context, Input in) {
        String bucket = in.bucket();
        store.bucket(bucket);
        List<Map<String, Object>> rules = new ArrayList<>();
        in.structure("CORSConfiguration").ifPresent(c -> c.list("CORSRules").forEach(rule -> rules.add(rule.values())));
        if (rules.isEmpty() || rules.size() > 100) {
            throw new AwsServiceException(400, "MalformedXML", "The XML you provided was not well-formed or did not"
                    + " validate against our published schema");
        }
        configs.update(bucket, config -> config.withCors(rules));
        return Map.of();
    }

    private Map<String, Object> getBucketCors(RequestContext context, Input in) {
        String bucket = in.bucket();
        store.bucket(bucket);
        List<Map<String, Object>> rules = configs.get(bucket).cors()
                .orElseThrow(() -> notFound("NoSuchCORSConfiguration", "The CORS configuration does not exist"));
        return Map.of("CORSRules", rules);
    }

    private Map<String, Object> deleteBucketCors(RequestContext context, Input in) {
        String bucket = in.bucket();
        store.bucket(bucket);
        configs.update(bucket, config -> config.withCors(null));
        return Map.of();
    }
}
