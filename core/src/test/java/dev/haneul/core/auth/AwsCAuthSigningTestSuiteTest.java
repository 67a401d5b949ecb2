package dev.haneul.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The aws-c-auth signing test suite ({@code tests/aws-signing-test-suite/v4}): per case a
 * {@code request.txt}, a {@code context.json} with the inputs, and the expected canonical request,
 * string to sign, signature and signed request for both header signing ({@code header-*}) and
 * pre-signing ({@code query-*}).
 *
 * <p>Context flags and what they map to: {@code normalize} false is
 * {@link SigningRules#STANDARD_UNNORMALIZED}; {@code sign_body} is
 * {@link SigV4Signer.Payload#HASHED_WITH_HEADER} (the hash also goes out as
 * {@code x-amz-content-sha256}, header signing only); {@code omit_session_token} means the token is
 * added after signing; {@code expiration_in_seconds} is {@code X-Amz-Expires}.
 */
class AwsCAuthSigningTestSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicNode> awsCAuthSigningTestSuite() {
        return Corpora.testsOf("aws-c-auth-signing-test-suite/v4", suite -> {
            List<Path> cases = Corpora.caseFolders(suite, dir -> "context.json");
            assertThat(cases).as("cases in %s", suite).hasSizeGreaterThanOrEqualTo(30);
            return cases.stream().map(AwsCAuthSigningTestSuiteTest::testCase);
        });
    }

    private static DynamicContainer testCase(Path dir) {
        JsonNode context = readJson(dir.resolve("context.json"));
        JsonNode credentials = context.get("credentials");
        String accessKeyId = credentials.get("access_key_id").asText();
        String secret = credentials.get("secret_access_key").asText();
        Instant time = Instant.parse(context.get("timestamp").asText());
        Duration expires = Duration.ofSeconds(context.get("expiration_in_seconds").asLong());
        SigningRules rules = context.get("normalize").asBoolean()
                ? SigningRules.STANDARD : SigningRules.STANDARD_UNNORMALIZED;

        SigV4Signer.Builder builder = SigV4Signer.builder(accessKeyId, secret, context.get("region").asText(),
                        context.get("service").asText())
                .rules(rules)
                .payload(context.get("sign_body").asBoolean()
                        ? SigV4Signer.Payload.HASHED_WITH_HEADER : SigV4Signer.Payload.HASHED);
        if (credentials.hasNonNull("token")) {
            builder.sessionToken(credentials.get("token").asText())
                    .sessionTokenSigned(!context.path("omit_session_token").asBoolean(false));
        }
        SigV4Signer signer = builder.build();
        SignableRequest request = RawHttp.parse(Corpora.read(dir.resolve("request.txt")));
        SigV4Signer.Signed headerSigned = signer.signWithDetails(request, time);
        SigV4Signer.Signed presigned = signer.presignWithDetails(request, time, expires);
        VerificationChecks checks = new VerificationChecks(accessKeyId, secret, rules);

        List<DynamicNode> tests = new ArrayList<>();
        addSigningTests(tests, "header", dir, headerSigned);
        tests.add(dynamicTest("header: Authorization header", () -> assertThat(
                headerSigned.request().firstHeader("Authorization"))
                .isEqualTo(RawHttp.parse(Corpora.read(dir.resolve("header-signed-request.txt")))
                        .firstHeader("Authorization"))));
        tests.add(dynamicTest("header: suite's signed request is accepted", () -> checks.assertAccepted(
                RawHttp.parseSigned(Corpora.read(dir.resolve("header-signed-request.txt")), request), time)));
        tests.addAll(checks.all("header", headerSigned.request(), time));

        addSigningTests(tests, "query", dir, presigned);
        tests.add(dynamicTest("query: suite's signed request is accepted", () -> checks.assertAccepted(
                RawHttp.parseSigned(Corpora.read(dir.resolve("query-signed-request.txt")), request), time)));
        tests.addAll(checks.all("query", presigned.request(), time));
        return dynamicContainer(dir.getFileName().toString(), tests);
    }

    private static void addSigningTests(List<DynamicNode> tests, String variant, Path dir, SigV4Signer.Signed signed) {
        tests.add(dynamicTest(variant + ": canonical request", () -> assertThat(signed.computation().canonicalRequest())
                .isEqualTo(Corpora.read(dir.resolve(variant + "-canonical-request.txt")))));
        tests.add(dynamicTest(variant + ": string to sign", () -> assertThat(signed.computation().stringToSign())
                .isEqualTo(Corpora.read(dir.resolve(variant + "-string-to-sign.txt")))));
        tests.add(dynamicTest(variant + ": signature", () -> assertThat(signed.computation().signature())
                .isEqualTo(Corpora.read(dir.resolve(variant + "-signature.txt")).strip())));
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
