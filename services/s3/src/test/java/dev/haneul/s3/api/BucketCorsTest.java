package dev.haneul.s3.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.gateway.CrossOriginPolicy.Answer;
import dev.haneul.core.gateway.CrossOriginPolicy.Request;
import dev.haneul.s3.store.S3Store;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bucket's CORS rules applied to browsers' requests, as S3 matches them. */
class BucketCorsTest {

    @TempDir
    Path dir;

    @Test
    void theFirstMatchingRuleDecidesWithWildcardsInOriginsAndHeaders() throws IOException {
        try (S3Store store = S3Store.open(dir.resolve("s3"), new S3Store.Options(false, Clock.systemUTC()))) {
            store.createBucket("site", "000000000000", "us-east-1");
            store.createBucket("bare", "000000000000", "us-east-1");
            BucketConfigs configs = new BucketConfigs(dir.resolve("configs"));
            configs.update("site", c -> c.withCors(List.of(
                    Map.of("AllowedOrigins", List.of("https://*.example.com"), "AllowedMethods", List.of("GET"),
                            "AllowedHeaders", List.of("x-amz-*", "Authorization")),
                    Map.of("AllowedOrigins", List.of("*"), "AllowedMethods", List.of("HEAD"), "MaxAgeSeconds", 30))));
            BucketCors cors = new BucketCors(store, configs);

            Answer app = cors.evaluate(preflight("127.0.0.1:4566", "/site/a/b.txt", "https://app.example.com", "GET",
                    List.of("x-amz-date", "authorization"))).orElseThrow();
            assertThat(app).isInstanceOfSatisfying(Answer.Allowed.class, allowed -> assertThat(allowed.headers())
                    .containsEntry("Access-Control-Allow-Origin", "https://app.example.com")
                    .containsEntry("Access-Control-Allow-Credentials", "true")
                    .containsEntry("Access-Control-Allow-Headers", "x-amz-date, authorization"));
            // A header no rule allows; a method only the '*' rule has, which answers '*'.
            assertThat(cors.evaluate(preflight("127.0.0.1", "/site/k", "https://app.example.com", "GET",
                    List.of("content-type")))).get().isInstanceOf(Answer.Refused.class);
            Answer any = cors.evaluate(preflight("127.0.0.1", "/site/k", "http://anywhere", "HEAD", List.of()))
                    .orElseThrow();
            assertThat(((Answer.Allowed) any).headers()).containsEntry("Access-Control-Allow-Origin", "*")
                    .containsEntry("Access-Control-Max-Age", "30").doesNotContainKey("Access-Control-Allow-Credentials");
            // Origins match case-sensitively, the scheme included.
            assertThat(cors.evaluate(preflight("127.0.0.1", "/site", "http://app.example.com", "GET", List.of())))
                    .get().isInstanceOfSatisfying(Answer.Refused.class, refused -> {
                        assertThat(refused.error().code()).isEqualTo("AccessForbidden");
                        assertThat(refused.error().fields()).containsEntry("ResourceType", "BUCKET");
                    });
            // Virtual-hosted addressing names the bucket by Host.
            assertThat(cors.evaluate(preflight("site.s3.localhost:4566", "/a/b.txt", "https://x.example.com", "GET",
                    List.of()))).get().isInstanceOf(Answer.Allowed.class);
            // Without a configuration: not enabled; no such bucket or not a bucket path: not S3's to decide.
            assertThat(cors.evaluate(preflight("127.0.0.1", "/bare/k", "https://x.example.com", "GET", List.of())))
                    .get().isInstanceOfSatisfying(Answer.Refused.class, refused ->
                            assertThat(refused.error().getMessage()).isEqualTo(BucketCors.NOT_ENABLED));
            for (String path : List.of("/", "/missing/k", "/_haneul/api/apps", "/2020-05-31/distribution")) {
                assertThat(cors.evaluate(preflight("127.0.0.1", path, "https://x.example.com", "GET", List.of())))
                        .as(path).isEqualTo(Optional.empty());
            }
        }
    }

    @Test
    void wildcardsHoldOneStar() {
        assertThat(BucketCors.wildcard("http://*.a.com", "http://x.y.a.com", false)).isTrue();
        assertThat(BucketCors.wildcard("http://*.a.com", "http://a.com", false)).isFalse();
        assertThat(BucketCors.wildcard("X-Amz-*", "x-amz-date", true)).isTrue();
        assertThat(BucketCors.wildcard("*", "", false)).isTrue();
        assertThat(BucketCors.wildcard("http://A.com", "http://a.com", false)).isFalse();
    }

    private static Request preflight(String host, String path, String origin, String method, List<String> headers) {
        return new Request(host, path, origin, method, headers, true);
    }
}
