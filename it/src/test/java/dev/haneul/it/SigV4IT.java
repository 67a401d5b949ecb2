package dev.haneul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.haneul.core.auth.SigV4Signer;
import dev.haneul.core.auth.SignableRequest;
import dev.haneul.core.config.AuthMode;
import dev.haneul.testing.HaneulExtension;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;

/** {@code HANEUL_AUTH=sigv4}: signatures are verified, failures get the query protocol's auth errors. */
class SigV4IT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension().auth(AuthMode.SIGV4)
            .with("HANEUL_CREDENTIALS", "test:test,AKIDBOB:bobsecret");

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

    @Test
    void correctlySignedRequestsPass() {
        try (StsClient sts = client("AKIDBOB", "bobsecret")) {
            assertThat(sts.getCallerIdentity().arn()).endsWith(":user/AKIDBOB");
        }
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatch() {
        try (StsClient sts = client("AKIDBOB", "not-bobs-secret")) {
            StsException e = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        }
    }

    @Test
    void unknownAccessKeyIsInvalidClientTokenId() {
        try (StsClient sts = client("AKIDMALLORY", "x")) {
            StsException e = catchThrowableOfType(StsException.class, sts::getCallerIdentity);
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
        }
    }

    @Test
    void unsignedRequestIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(haneul.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void signaturesOlderThanFiveMinutesHaveExpired() throws Exception {
        HttpResponse<String> stale = sendSigned(Instant.now().minus(Duration.ofMinutes(6)));
        assertThat(stale.statusCode()).isEqualTo(403);
        assertThat(stale.body()).contains("<Code>SignatureDoesNotMatch</Code>").contains("Signature expired");

        assertThat(sendSigned(Instant.now().minus(Duration.ofMinutes(4))).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> sendSigned(Instant at) throws Exception {
        String host = "127.0.0.1:" + haneul.endpoint().getPort();
        SignableRequest unsigned = SignableRequest.of("POST", "/", List.of(
                        Map.entry("Host", host), Map.entry("Content-Type", "application/x-www-form-urlencoded")),
                BODY.getBytes(StandardCharsets.UTF_8));
        SignableRequest signed = SigV4Signer.sign(unsigned, "test", "test", "us-east-1", "sts", at);
        HttpRequest.Builder request = HttpRequest.newBuilder(haneul.endpoint())
                .POST(HttpRequest.BodyPublishers.ofString(BODY));
        for (Map.Entry<String, String> header : signed.headers()) {
            if (!header.getKey().equalsIgnoreCase("Host")) {
                request.header(header.getKey(), header.getValue());
            }
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static StsClient client(String key, String secret) {
        return StsClient.builder().endpointOverride(haneul.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
