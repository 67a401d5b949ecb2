package dev.haneul.core.auth;

import static dev.haneul.core.auth.SigV4ParserTest.request;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.auth.SigV4Failure.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SigV4VerifierTest {

    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final SignableRequest LIST_USERS = request("/", "Action=ListUsers&Version=2010-05-08",
            "Host", "iam.amazonaws.com", "Content-Type", "application/x-www-form-urlencoded; charset=utf-8");

    @Test
    void acceptsAndTellsWhoSigned() {
        SignableRequest signed = SigV4Signer.sign(LIST_USERS, KEY, SECRET, "us-east-1", "iam", TIME);

        SigV4Result.Verified verified = verifier(TIME).verify(signed).orElseThrow();

        assertThat(verified.accessKeyId()).isEqualTo(KEY);
        assertThat(verified.region()).isEqualTo("us-east-1");
        assertThat(verified.service()).isEqualTo("iam");
        assertThat(verified.signedAt()).isEqualTo(TIME);
        assertThat(verified.authorization().presigned()).isFalse();
    }

    @Test
    void noAuthenticationIsMissingAuthenticationToken() {
        SigV4Failure failure = rejected(verifier(TIME).verify(LIST_USERS));

        assertThat(failure.kind()).isEqualTo(Kind.MISSING_AUTHENTICATION_TOKEN);
        assertThat(failure.message()).isEqualTo("Request is missing Authentication Token");
        assertWireCodes(failure, "MissingAuthenticationToken", 403, "MissingAuthenticationTokenException", 400);
    }

    @Test
    void malformedAuthorizationIsIncompleteSignatureNotAnException() {
        SigV4Failure failure = rejected(verifier(TIME).verify(LIST_USERS.withHeader("Authorization", "garbage")));

        assertThat(failure.kind()).isEqualTo(Kind.INCOMPLETE_SIGNATURE);
        assertWireCodes(failure, "IncompleteSignature", 400, "IncompleteSignatureException", 400);
    }

    @Test
    void unknownAccessKeyIsInvalidClientTokenId() {
        SignableRequest signed = SigV4Signer.sign(LIST_USERS, "AKIDUNKNOWN", SECRET, "us-east-1", "iam", TIME);

        SigV4Failure failure = rejected(verifier(TIME).verify(signed));

        assertThat(failure.kind()).isEqualTo(Kind.INVALID_CLIENT_TOKEN_ID);
        assertThat(failure.message()).isEqualTo("The security token included in the request is invalid.");
        assertWireCodes(failure, "InvalidClientTokenId", 403, "UnrecognizedClientException", 400);
    }

    @Test
    void wrongSecretIsSignatureDoesNotMatchWithDiagnosticsForTheLog() {
        SignableRequest signed = SigV4Signer.sign(LIST_USERS, KEY, "not-the-secret", "us-east-1", "iam", TIME);

        SigV4Result result = verifier(TIME).verify(signed);

        SigV4Failure failure = rejected(result);
        assertThat(failure.kind()).isEqualTo(Kind.SIGNATURE_DOES_NOT_MATCH);
        assertThat(failure.message()).startsWith("The request signature we calculated does not match");
        assertWireCodes(failure, "SignatureDoesNotMatch", 403, "InvalidSignatureException", 400);
        assertThat(((SigV4Result.Rejected) result).diagnostics())
                .contains("Action=ListUsers&Version=2010-05-08", "20150830/us-east-1/iam/aws4_request")
                .doesNotContain(SECRET);
        assertThatThrownBy(result::orElseThrow).isInstanceOf(SigV4Exception.class)
                .hasMessageStartingWith("The request signature we calculated");
    }

    @Test
    void clockSkewMessagesAreAwss() {
        SignableRequest signed = SigV4Signer.sign(LIST_USERS, KEY, SECRET, "us-east-1", "iam", TIME);

        SigV4Failure expired = rejected(verifier(TIME.plus(Duration.ofMinutes(6))).verify(signed));
        SigV4Failure early = rejected(verifier(TIME.minus(Duration.ofMinutes(6))).verify(signed));

        assertThat(expired.kind()).isEqualTo(Kind.SIGNATURE_EXPIRED);
        assertThat(expired.message()).isEqualTo(
                "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)");
        assertWireCodes(expired, "SignatureDoesNotMatch", 403, "InvalidSignatureException", 400);
        assertThat(early.kind()).isEqualTo(Kind.SIGNATURE_NOT_YET_CURRENT);
        assertThat(early.message()).isEqualTo("Signature not yet current: 20150830T123600Z is still later than"
                + " 20150830T123500Z (20150830T123000Z + 5 min.)");
    }

    @Test
    void skewBoundaryIsInclusiveAndConfigurable() {
        SignableRequest signed = SigV4Signer.sign(LIST_USERS, KEY, SECRET, "us-east-1", "iam", TIME);

        assertThat(verifier(TIME.plus(Duration.ofMinutes(5))).verify(signed)).isInstanceOf(SigV4Result.Verified.class);
        assertThat(verifier(TIME.minus(Duration.ofMinutes(5))).verify(signed)).isInstanceOf(SigV4Result.Verified.class);
        SigV4Verifier sts = SigV4Verifier.builder(this::secret, Clock.fixed(TIME.plus(Duration.ofMinutes(16)),
                ZoneOffset.UTC)).maxClockSkew(Duration.ofMinutes(15)).build();
        assertThat(rejected(sts.verify(signed)).message()).endsWith("(20150830T125200Z - 15 min.)");
        assertThatThrownBy(() -> SigV4Verifier.builder(this::secret, Clock.systemUTC()).maxClockSkew(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxClockSkew");
    }

    @Test
    void scopeDateMustBeTheRequestDate() {
        SignableRequest signed = SigV4Signer.sign(LIST_USERS, KEY, SECRET, "us-east-1", "iam", TIME);
        SignableRequest nextDay = signed.withoutHeader("X-Amz-Date").withHeader("X-Amz-Date", "20150831T000100Z");

        SigV4Failure failure = rejected(verifier(Instant.parse("2015-08-31T00:01:00Z")).verify(nextDay));

        assertThat(failure.kind()).isEqualTo(Kind.CREDENTIAL_SCOPE_MISMATCH);
        assertThat(failure.queryCode()).isEqualTo("SignatureDoesNotMatch");
        assertThat(failure.message()).isEqualTo("Date in Credential scope does not match YYYYMMDD from ISO-8601"
                + " version of date from HTTP: '20150830' != '20150831', from '20150831T000100Z'.");
    }

    @Test
    void unparseableDateIsIncompleteSignature() {
        SignableRequest signed = SigV4Signer.sign(LIST_USERS, KEY, SECRET, "us-east-1", "iam", TIME);

        for (String date : List.of("2015-08-30T12:36:00Z", "20151330T123600Z", "yesterday")) {
            SigV4Failure failure = rejected(verifier(TIME).verify(
                    signed.withoutHeader("X-Amz-Date").withHeader("X-Amz-Date", date)));
            assertThat(failure.kind()).isEqualTo(Kind.INCOMPLETE_SIGNATURE);
            assertThat(failure.message()).isEqualTo("Date must be in ISO-8601 'basic format'. Got '" + date
                    + "'. See http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    @Test
    void dateHeaderCanStandInForXAmzDate() {
        SignableRequest request = request("/", "", "Host", "iam.amazonaws.com",
                "Date", "Sun, 30 Aug 2015 12:36:00 GMT");
        String canonical = CanonicalRequest.build(request, SigningRules.STANDARD, List.of("date", "host"), Set.of(),
                CanonicalRequest.EMPTY_PAYLOAD_SHA256);
        String signature = SigV4Computation.compute(canonical, "20150830T123600Z", "20150830", "us-east-1", "iam",
                SECRET).signature();
        SignableRequest signed = request.withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY
                + "/20150830/us-east-1/iam/aws4_request, SignedHeaders=date;host, Signature=" + signature);

        assertThat(verifier(TIME).verify(signed).orElseThrow().signedAt()).isEqualTo(TIME);
    }

    @Test
    void presignedExpiresMustBeBetweenOneSecondAndSevenDays() {
        SigV4Signer signer = SigV4Signer.builder(KEY, SECRET, "us-east-1", "iam").build();
        SignableRequest week = signer.presign(LIST_USERS, TIME, Duration.ofDays(7));

        assertThat(verifier(TIME.plus(Duration.ofDays(7))).verify(week)).isInstanceOf(SigV4Result.Verified.class);
        assertThat(rejected(verifier(TIME.plus(Duration.ofDays(7)).plusSeconds(1)).verify(week)).message())
                .isEqualTo("Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z"
                        + " (20150906T123601Z - 10080 min.)");
        for (String expires : List.of("0", "-1", "604801")) {
            SignableRequest tampered = week.withRawQuery(week.rawQuery().replace("X-Amz-Expires=604800",
                    "X-Amz-Expires=" + expires));
            assertThat(rejected(verifier(TIME).verify(tampered)).kind()).isEqualTo(Kind.INCOMPLETE_SIGNATURE);
        }
        assertThatThrownBy(() -> signer.presign(LIST_USERS, TIME, Duration.ofDays(7).plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expires");
    }

    @Test
    void presignedWithoutExpiresGetsTheHeaderWindow() {
        String query = "Action=ListUsers&Version=2010-05-08&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + KEY
                + "%2F20150830%2Fus-east-1%2Fiam%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host";
        SignableRequest request = LIST_USERS.withRawQuery(query);
        String canonical = CanonicalRequest.build(request, SigningRules.STANDARD, List.of("host"), Set.of(),
                CanonicalRequest.EMPTY_PAYLOAD_SHA256);
        String signature = SigV4Computation.compute(canonical, "20150830T123600Z", "20150830", "us-east-1", "iam",
                SECRET).signature();
        SignableRequest signed = request.withRawQuery(query + "&X-Amz-Signature=" + signature);

        assertThat(verifier(TIME.plus(Duration.ofMinutes(5))).verify(signed).orElseThrow().authorization().presigned())
                .isTrue();
        assertThat(rejected(verifier(TIME.plus(Duration.ofMinutes(6))).verify(signed)).kind())
                .isEqualTo(Kind.SIGNATURE_EXPIRED);
    }

    @Test
    void unsignedPayloadLeavesTheBodyUncovered() {
        SignableRequest put = request("/bucket/key", "", "Host", "s3.amazonaws.com").withBody("hello".getBytes(UTF_8));
        SignableRequest signed = SigV4Signer.builder(KEY, SECRET, "us-east-1", "s3")
                .payload(SigV4Signer.Payload.UNSIGNED).build().sign(put, TIME);

        assertThat(signed.firstHeader("x-amz-content-sha256")).contains("UNSIGNED-PAYLOAD");
        assertThat(verifier(TIME).verify(signed.withBody("other".getBytes(UTF_8))))
                .isInstanceOf(SigV4Result.Verified.class);
    }

    @Test
    void declaredContentHashIsNotTrustedOverTheBody() {
        SignableRequest put = request("/bucket/key", "", "Host", "s3.amazonaws.com").withBody("hello".getBytes(UTF_8));
        SignableRequest signed = SigV4Signer.builder(KEY, SECRET, "us-east-1", "s3")
                .payload(SigV4Signer.Payload.HASHED_WITH_HEADER).build().sign(put, TIME);

        assertThat(signed.firstHeader("x-amz-content-sha256")).contains(SigV4Crypto.sha256Hex("hello".getBytes(UTF_8)));
        assertThat(verifier(TIME).verify(signed)).isInstanceOf(SigV4Result.Verified.class);
        assertThat(rejected(verifier(TIME).verify(signed.withBody("hellp".getBytes(UTF_8)))).kind())
                .isEqualTo(Kind.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void s3PresignedUrlsSignUnsignedPayloadAndTheRawKey() {
        SignableRequest get = request("/bucket/my%20photo//a/../b+c.jpg", "", "Host", "s3.amazonaws.com");
        SignableRequest presigned = SigV4Signer.builder(KEY, SECRET, "us-east-1", "s3").build()
                .presign(get, TIME, Duration.ofMinutes(15));

        assertThat(verifier(TIME).verify(presigned.withBody("ignored".getBytes(UTF_8))))
                .isInstanceOf(SigV4Result.Verified.class);
        assertThat(rejected(verifier(TIME).verify(new SignableRequest("GET", "/bucket/my%20photo/b+c.jpg",
                presigned.rawQuery(), presigned.headers(), presigned.body()))).kind())
                .as("S3 does not normalize, so the normalized path is another resource")
                .isEqualTo(Kind.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void sessionTokenAppendedAfterPresigningIsAccepted() {
        SignableRequest presigned = SigV4Signer.builder(KEY, SECRET, "us-east-1", "iot")
                .sessionToken("FQoG/ZXIvYXdz+EXAMPLE==").sessionTokenSigned(false).build()
                .presign(LIST_USERS, TIME, Duration.ofMinutes(15));

        assertThat(presigned.rawQuery()).contains("X-Amz-Security-Token=FQoG%2FZXIvYXdz%2BEXAMPLE%3D%3D");
        assertThat(verifier(TIME).verify(presigned).orElseThrow().authorization().sessionToken())
                .contains("FQoG/ZXIvYXdz+EXAMPLE==");
    }

    private SigV4Verifier verifier(Instant now) {
        return SigV4Verifier.builder(this::secret, Clock.fixed(now, ZoneOffset.UTC)).build();
    }

    private Optional<String> secret(String accessKeyId) {
        return accessKeyId.equals(KEY) ? Optional.of(SECRET) : Optional.empty();
    }

    private static void assertWireCodes(SigV4Failure failure, String queryCode, int queryStatus, String jsonCode,
            int jsonStatus) {
        assertThat(List.of(failure.queryCode(), failure.queryStatus(), failure.jsonCode(), failure.jsonStatus()))
                .containsExactly(queryCode, queryStatus, jsonCode, jsonStatus);
    }

    private static SigV4Failure rejected(SigV4Result result) {
        assertThat(result).isInstanceOf(SigV4Result.Rejected.class);
        return ((SigV4Result.Rejected) result).failure();
    }
}
