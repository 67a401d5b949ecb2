package dev.haneul.it.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A browser's cross-origin requests to S3, as a page of another origin would send them: preflights
 * answered from the bucket's CORS configuration (and nothing run by them), allowed requests
 * answered with the CORS headers (an unsigned one too, for what the bucket policy grants
 * everyone); while a cross-origin request to anything else — a bucket
 * without a rule for that origin, another service, Haneul's own routes — is still refused.
 */
class S3CorsIT {

    private static final String APP = "http://app.example";
    private static final String EVIL = "http://evil.example";

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static S3Client s3;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void buckets() {
        s3 = haneul.client(S3Client.builder().forcePathStyle(true));
        s3.createBucket(b -> b.bucket("web"));
        s3.putBucketCors(p -> p.bucket("web").corsConfiguration(c -> c.corsRules(r -> r.allowedOrigins(APP)
                .allowedMethods("GET", "PUT").allowedHeaders("*").exposeHeaders("ETag").maxAgeSeconds(600))));
        s3.putObject(p -> p.bucket("web").key("page.txt"), RequestBody.fromString("hello, other origin"));
        s3.createBucket(b -> b.bucket("plain"));
        s3.putObject(p -> p.bucket("plain").key("page.txt"), RequestBody.fromString("no CORS here"));
    }

    @AfterAll
    static void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void aPreflightIsAnsweredFromTheBucketsRules() throws Exception {
        HttpResponse<String> allowed = preflight("/web/page.txt", APP, "PUT", "authorization, x-amz-date, content-type");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, PUT");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers"))
                .contains("authorization, x-amz-date, content-type");
        assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).contains("600");
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag");
        assertThat(allowed.body()).isEmpty();

        HttpResponse<String> otherOrigin = preflight("/web/page.txt", EVIL, "GET", "");
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(otherOrigin.body()).contains("<Code>AccessForbidden</Code>")
                .contains("<Message>CORSResponse: This CORS request is not allowed.")
                .contains("<Method>GET</Method>").contains("<ResourceType>OBJECT</ResourceType>");
        assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> notEnabled = preflight("/plain/page.txt", APP, "GET", "");
        assertThat(notEnabled.statusCode()).isEqualTo(403);
        assertThat(notEnabled.body()).contains("CORSResponse: CORS is not enabled for this bucket.");
    }

    @Test
    void aPreflightRunsNothing() throws Exception {
        HttpResponse<String> delete = preflight("/web/page.txt", APP, "DELETE", "");
        assertThat(delete.statusCode()).as("DELETE is not an allowed method").isEqualTo(403);
        HttpResponse<String> put = preflight("/web/page.txt", APP, "PUT", "");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(s3.getObjectAsBytes(g -> g.bucket("web").key("page.txt")).asUtf8String())
                .isEqualTo("hello, other origin");
    }

    @Test
    void anAllowedRequestCarriesTheCorsHeadersAndAnotherOriginIsRefused() throws Exception {
        URI get = presignedGet("web");
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(get).header("Origin", APP)
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "cors").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.body()).isEqualTo("hello, other origin");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(allowed.headers().firstValue("Access-Control-Expose-Headers")).contains("ETag");

        HttpResponse<String> evil = http.send(HttpRequest.newBuilder(get).header("Origin", EVIL)
                .header("Sec-Fetch-Site", "cross-site").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(evil.statusCode()).isEqualTo(403);
        assertThat(evil.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> noRules = http.send(HttpRequest.newBuilder(presignedGet("plain")).header("Origin", APP)
                .header("Sec-Fetch-Site", "cross-site").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noRules.statusCode()).isEqualTo(403);
    }

    @Test
    void aCrossSitePreflightToAnythingButABucketIsStillRefused() throws Exception {
        for (String path : new String[] {"/_haneul/api/apps", "/_haneul/", "/", "/no-such-bucket/key",
            "/2020-05-31/distribution"}) {
            HttpResponse<String> answer = preflight(path, APP, "POST", "content-type");
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).as(path).contains("preflight");
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
        }
    }

    @Test
    void anUnsignedCrossOriginReadGetsWhatTheBucketPolicyGrantsEveryone() throws Exception {
        s3.createBucket(b -> b.bucket("public-web"));
        s3.putBucketCors(p -> p.bucket("public-web").corsConfiguration(c -> c.corsRules(r -> r.allowedOrigins(APP)
                .allowedMethods("GET"))));
        s3.putObject(p -> p.bucket("public-web").key("public/page.txt"), RequestBody.fromString("public page"));
        s3.putObject(p -> p.bucket("public-web").key("drafts/page.txt"), RequestBody.fromString("draft"));
        s3.putBucketPolicy(p -> p.bucket("public-web").policy("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\":"
                + " \"Allow\", \"Principal\": \"*\", \"Action\": \"s3:GetObject\","
                + " \"Resource\": \"arn:aws:s3:::public-web/public/*\"}]}"));

        HttpResponse<String> page = crossOriginGet("/public-web/public/page.txt");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("public page");
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        for (String path : new String[] {"/public-web/drafts/page.txt", "/web/page.txt"}) {
            HttpResponse<String> refused = crossOriginGet(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).as(path).contains("<Code>AccessDenied</Code>");
        }
    }

    private static HttpResponse<String> crossOriginGet(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(haneul.endpoint().resolve(path)).header("Origin", APP)
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "cors").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(haneul.endpoint().resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method)
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "cors");
        if (!headers.isEmpty()) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI presignedGet(String bucket) throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(haneul.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            return presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket(bucket).key("page.txt"))).url().toURI();
        }
    }
}
