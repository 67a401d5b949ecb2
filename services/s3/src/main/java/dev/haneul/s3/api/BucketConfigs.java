package dev.haneul.s3.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The configurations a bucket carries beside its objects that the store does not interpret: its
 * policy (for the IAM engine) and CORS rules (value trees as the API sent them). One small JSON
 * file per bucket, {@code <dir>/<bucket>.json}, replaced atomically; removed with the bucket.
 */
final class BucketConfigs {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** One bucket's configurations; {@code null} members are absent. */
    record Config(@Nullable String policy, @Nullable List<Map<String, Object>> corsRules) {
        static final Config NONE = new Config(null, null);

        Optional<String> policyDocument() {
            return Optional.ofNullable(policy);
        }

        Optional<List<Map<String, Object>>> cors() {
            return Optional.ofNullable(corsRules);
        }

        Config withPolicy(@Nullable String newPolicy) {
            return new Config(newPolicy, corsRules);
        }

        Config withCors(@Nullable List<Map<String, Object>> rules) {
            return new Config(policy, rules);
        }
    }

    private final Path dir;
    private final Map<String, Config> cache = new ConcurrentHashMap<>();

    BucketConfigs(Path dir) throws IOException {
        this.dir = Files.createDirectories(requireNonNull(dir, "dir"));
    }

    Config get(String bucket) {
        return cache.computeIfAbsent(bucket, this::load);
    }

    synchronized void update(String bucket, UnaryOperator<Config> change) {
        Config next = change.apply(get(bucket));
        try {
            AtomicFiles.write(file(bucket), JSON.writeValueAsBytes(next));
        } catch (IOException e) {
            throw new UncheckedIOException("s3 - " + bucket + " - cannot save the bucket's configuration", e);
        }
        cache.put(bucket, next);
    }

    synchronized void forget(String bucket) {
        cache.remove(bucket);
        try {
            Files.deleteIfExists(file(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException("s3 - " + bucket + " - cannot remove the bucket's configuration", e);
        }
    }

    private Config load(String bucket) {
        Path file = file(bucket);
        if (!Files.exists(file)) {
            return Config.NONE;
        }
        try {
            return JSON.readValue(file.toFile(), Config.class);
        } catch (IOException e) {
            throw new UncheckedIOException("s3 - " + bucket + " - cannot read the bucket's configuration", e);
        }
    }

    private Path file(String bucket) {
        return dir.resolve(bucket + ".json");
    }
}
