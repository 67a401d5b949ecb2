package dev.haneul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haneul.testing.AwsCli;
import dev.haneul.testing.AwsCliResult;
import dev.haneul.testing.HaneulExtension;
import dev.haneul.testing.SignedHttp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input to the AWS API port gets the AWS error of the caller's protocol, with the right status,
 * a request id, and never an HTML page, a stack trace or a hang; the server keeps serving.
 */
class GatewayIT {

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void missingActionIsMissingAction() throws Exception {
        HttpResponse<String> response = post(FORM, "Version=2011-06-15");
        assertQueryError(response, 400, "MissingAction");
    }

    @Test
    void unknownActionIsInvalidAction() throws Exception {
        assertQueryError(post(FORM, "Action=LaunchRockets&Version=2011-06-15"), 400, "InvalidAction");
    }

    @Test
    void unknownServiceInTheCredentialScopeIsRejected() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(haneul.endpoint())
                .header("Content-Type", FORM)
                .header("X-Amz-Date", "20261126T000000Z")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261126/us-east-1/kinesis/aws4_request, "
                        + "SignedHeaders=host, Signature=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListStreams&Version=2013-12-02")));
        assertQueryError(response, 400, "InvalidAction");
        assertThat(response.body()).contains("kinesis");
    }

    @Test
    void unknownJsonTargetIsUnknownOperation() throws Exception {
        HttpResponse<String> response = send(SignedHttp.request(haneul.endpoint(), "POST", "/", "dynamodb",
                List.of(Map.entry("Content-Type", "application/x-amz-json-1.1"),
                        Map.entry("X-Amz-Target", "DynamoDB_20120810.ListTables")), "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-amz-json"));
        assertThat(response.body()).contains("\"__type\":\"UnknownOperationException\"");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }

    @Test
    void brokenPercentEncodingIsMalformedQueryString() throws Exception {
        assertQueryError(post(FORM, "Action=GetCallerIdentity&Version=2011-06-15&Bad=%G1"), 404, "MalformedQueryString");
        assertQueryError(post(FORM, "Action=GetCallerIdentity&Version=%E2%28%A1"), 404, "MalformedQueryString");
    }

    @Test
    void rawBytesThatAreNotUtf8AreMalformedQueryString() throws Exception {
        byte[] body = "Action=GetCallerIdentity&Version=2011-06-15&Bad=\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        assertQueryError(send(SignedHttp.request(haneul.endpoint(), "POST", "/", "sts",
                List.of(Map.entry("Content-Type", FORM)), body)), 404, "MalformedQueryString");
    }

    @Test
    void theClassicElbApiIsNotImplementedNotAnEmptySuccess() {
        assumeTrue(AwsCli.binary().isPresent(), "needs the AWS CLI v2");
        AwsCliResult result = haneul.awsCli().run("elb", "describe-load-balancers");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("NotImplemented").contains("classic Elastic Load Balancing");
        assertThat(haneul.awsCli().run("elbv2", "describe-load-balancers").exitCode()).isZero();
    }

    @Test
    void anotherApiVersionIsInvalidAction() throws Exception {
        HttpResponse<String> response = post(FORM, "Action=GetCallerIdentity&Version=2010-01-01");
        assertQueryError(response, 400, "InvalidAction");
        assertThat(response.body()).contains("Could not find operation GetCallerIdentity for version 2010-01-01");
    }

    @Test
    void aMadeUpRegionIsRefusedAsAwsRefusesACredentialScopedToAnotherRegion() {
        assumeTrue(AwsCli.binary().isPresent(), "needs the AWS CLI v2");
        AwsCliResult result = haneul.awsCli().run("sts", "get-caller-identity", "--region", "xx-fake-9");
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.stderr()).contains("SignatureDoesNotMatch")
                .contains("Credential should be scoped to a valid region, not 'xx-fake-9'");
        assertThat(haneul.awsCli().run("sts", "get-caller-identity", "--region", "eu-west-3").exitCode()).isZero();
    }

    @Test
    void wrongContentTypeIsRejectedInTheQueryEnvelope() throws Exception {
        assertQueryError(post("application/json", "{\"Action\":\"GetCallerIdentity\"}"), 400, "InvalidQueryParameter");
    }

    @Test
    void getWithAQueryStringWorks() throws Exception {
        HttpResponse<String> response = send(SignedHttp.request(haneul.endpoint(), "GET",
                "/?Action=GetCallerIdentity&Version=2011-06-15", "sts", List.of(), new byte[0]));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Account>000000000000</Account>");
        assertThat(response.headers().firstValue("Content-Type")).contains("text/xml");
    }

    @Test
    void oversizeBodyIs413AndTheServerKeepsServing() throws Exception {
        byte[] body = new byte[17 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        HttpResponse<String> response = send(SignedHttp.request(haneul.endpoint(), "POST", "/", "sts",
                List.of(Map.entry("Content-Type", FORM)), body));
        assertQueryError(response, 413, "RequestEntityTooLarge");
        assertThat(post(FORM, "Action=GetCallerIdentity&Version=2011-06-15").statusCode()).isEqualTo(200);
    }

    @Test
    void garbageOnTheSocketGetsA400AndTheConnectionIsClosed() throws Exception {
        URI endpoint = haneul.endpoint();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("\u0000\u0001GARBAGE \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>").doesNotContain("Exception:");
        }
        assertThat(post(FORM, "Action=GetCallerIdentity&Version=2011-06-15").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownHaneulPageIsJson404() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(haneul.endpoint().resolve("/_haneul/nope")).GET());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("{");
    }

    @Test
    void healthNamesVersionAndServices() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(haneul.endpoint().resolve("/_haneul/health")).GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\" : \"running\"").contains("\"version\"").contains("\"sts\"");
    }

    @Test
    void manyConcurrentRequestsAreAllAnswered() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            responses.add(HTTP.sendAsync(SignedHttp.request(haneul.endpoint(), "POST", "/", "sts",
                    List.of(Map.entry("Content-Type", FORM)),
                    "Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
    }

    private static void assertQueryError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/xml");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).startsWith("<ErrorResponse").contains("<Code>" + code + "</Code>")
                .contains("<RequestId>").doesNotContain("Exception").doesNotContain("<html");
    }

    /** A POST signed for STS, as the AWS CLI would send it. */
    private static HttpResponse<String> post(String contentType, String body) throws Exception {
        return send(SignedHttp.request(haneul.endpoint(), "POST", "/", "sts", List.of(Map.entry("Content-Type", contentType)),
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
