package dev.haneul.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.auth.SigV4Failure.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SigV4ParserTest {

    private static final String CREDENTIAL = "AKIDEXAMPLE/20150830/us-east-1/rds/aws4_request";
    private static final String SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

    @Test
    void noAuthenticationAtAllIsEmpty() {
        assertThat(SigV4Parser.parse(request("/", "", "Host", "example.com"))).isEmpty();
        assertThat(SigV4Parser.parse(request("/", "Action=List&X-Amz-Date=20150830T123600Z", "Host", "a")))
                .as("a lone X-Amz-Date does not make a pre-signed request").isEmpty();
    }

    @Test
    void readsTheAuthorizationHeader() {
        SigV4Authorization auth = SigV4Parser.parse(request("/", "",
                "authorization", "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL
                        + ", SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE,
                "X-Amz-Date", "20150830T123600Z",
                "X-Amz-Security-Token", "FQoGZXIvYXdzEXAMPLE")).orElseThrow();

        assertThat(auth.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(auth.date()).isEqualTo("20150830");
        assertThat(auth.region()).isEqualTo("us-east-1");
        assertThat(auth.service()).isEqualTo("rds");
        assertThat(auth.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(auth.signature()).isEqualTo(SIGNATURE);
        assertThat(auth.amzDate()).isEqualTo("20150830T123600Z");
        assertThat(auth.presigned()).isFalse();
        assertThat(auth.expires()).isEmpty();
        assertThat(auth.sessionToken()).contains("FQoGZXIvYXdzEXAMPLE");
        assertThat(auth.credentialScope()).isEqualTo("20150830/us-east-1/rds/aws4_request");
        assertThat(auth.toString()).doesNotContain("FQoGZXIvYXdzEXAMPLE").contains("<present>");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ",SignedHeaders=host,Signature=" + SIGNATURE,
        "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + " SignedHeaders=host Signature=" + SIGNATURE,
        "  AWS4-HMAC-SHA256\tCredential=" + CREDENTIAL + ",  SignedHeaders=host,\tSignature=" + SIGNATURE + "  ",
        "AWS4-HMAC-SHA256 Signature=" + SIGNATURE + ", Credential=" + CREDENTIAL + ", SignedHeaders=host, Extra=1",
    })
    void acceptsTheSeparatorsClientsUse(String authorization) {
        SigV4Authorization auth = SigV4Parser.parse(request("/", "", "Authorization", authorization,
                "X-Amz-Date", "20150830T123600Z")).orElseThrow();

        assertThat(auth.service()).isEqualTo("rds");
        assertThat(auth.signature()).isEqualTo(SIGNATURE);
        assertThat(auth.signedHeaders()).containsExactly("host");
    }

    @Test
    void fallsBackToTheDateHeader() {
        SigV4Authorization auth = SigV4Parser.parse(request("/", "", "Authorization", validHeader(),
                "Date", "Sun, 30 Aug 2015 12:36:00 GMT")).orElseThrow();

        assertThat(auth.amzDate()).isEqualTo("Sun, 30 Aug 2015 12:36:00 GMT");
    }

    @Test
    void readsPresignedQueryParameters() {
        SigV4Authorization auth = SigV4Parser.parse(request("/", "Action=GetCallerIdentity&Version=2011-06-15"
                + "&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts"
                + "%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host%3Bx-k8s"
                + "&X-Amz-Security-Token=a%2Bb%2F%3D&X-Amz-Signature=" + SIGNATURE, "Host", "sts.amazonaws.com"))
                .orElseThrow();

        assertThat(auth.presigned()).isTrue();
        assertThat(auth.service()).isEqualTo("sts");
        assertThat(auth.signedHeaders()).containsExactly("host", "x-k8s");
        assertThat(auth.expires()).contains(Duration.ofSeconds(900));
        assertThat(auth.sessionToken()).contains("a+b/=");
        assertThat(auth.amzDate()).isEqualTo("20150830T123600Z");
    }

    @Test
    void missingCredentialIsIncompleteSignature() {
        assertIncomplete(header("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + SIGNATURE),
                "Authorization header requires 'Credential' parameter.");
    }

    @Test
    void missingSignatureIsIncompleteSignature() {
        assertIncomplete(header("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host"),
                "Authorization header requires 'Signature' parameter.");
    }

    @Test
    void missingSignedHeadersIsIncompleteSignature() {
        assertIncomplete(header("AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", Signature=" + SIGNATURE),
                "Authorization header requires 'SignedHeaders' parameter.");
    }

    @Test
    void missingDateIsIncompleteSignature() {
        assertIncomplete(request("/", "", "Authorization", validHeader()),
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    @Test
    void listsEveryMissingPartLikeAws() {
        assertIncomplete(request("/", "", "Authorization", "AWS4-HMAC-SHA256"),
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature'"
                        + " parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header"
                        + " requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AWS4-HMAC-SHA512", "AWS4-ECDSA-P256-SHA256"})
    void wrongAlgorithmIsIncompleteSignature(String algorithm) {
        assertIncomplete(header(validHeader().replace("AWS4-HMAC-SHA256", algorithm)),
                "Unsupported AWS 'algorithm': '" + algorithm + "'");
    }

    @Test
    void wellFormedParametersWithoutTheAlgorithmAreRefused() {
        assertIncomplete(header(validHeader().replace("AWS4-HMAC-SHA256 ", "")), "Unsupported AWS 'algorithm'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "Bearer abc.def.ghi", "Basic QUtJRDpzZWNyZXQ=",
        "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=", "AWS4-HMAC-SHA256 Credential", "AWS4-HMAC-SHA256 ===,,,",
        "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature="})
    void garbageIsIncompleteSignature(String authorization) {
        assertIncomplete(header(authorization), "");
    }

    @Test
    void credentialWithoutFiveElementsIsIncompleteSignature() {
        assertIncomplete(header(validHeader().replace(CREDENTIAL, "AKIDEXAMPLE/20150830/us-east-1/rds")),
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,"
                        + " got 'AKIDEXAMPLE/20150830/us-east-1/rds'");
    }

    @Test
    void wrongTerminatorIsACredentialScopeFailure() {
        assertThatThrownBy(() -> SigV4Parser.parse(header(validHeader().replace("aws4_request", "aws5_request"))))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.CREDENTIAL_SCOPE_MISMATCH);
                    assertThat(e.failure().queryCode()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.getMessage()).isEqualTo(
                            "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.");
                });
    }

    @Test
    void incompletePresignedQueryListsWhatIsMissing() {
        assertIncomplete(request("/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=" + SIGNATURE, "Host", "a"),
                "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must"
                        + " include 'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'."
                        + " Re-examine the query-string parameters.");
    }

    @Test
    void presignedWithWrongAlgorithmOrBadExpiresIsIncompleteSignature() {
        String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + CREDENTIAL
                + "&X-Amz-Date=20150830T123600Z&X-Amz-SignedHeaders=host&X-Amz-Signature=" + SIGNATURE;
        assertIncomplete(request("/", query.replace("SHA256&", "SHA1&"), "Host", "a"),
                "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1'");
        assertIncomplete(request("/", query + "&X-Amz-Expires=soon", "Host", "a"), "X-Amz-Expires should be a number");
        assertIncomplete(request("/", query + "&X-Amz-Expires=", "Host", "a"), "X-Amz-Expires should be a number");
        assertThat(SigV4Parser.parse(request("/", query + "&X-Amz-Expires=99999999999999999999999", "Host", "a"))
                .orElseThrow().expires().orElseThrow()).isGreaterThan(Duration.ofDays(7));
    }

    @Test
    void headerAndQueryAuthenticationTogetherAreRefused() {
        assertIncomplete(request("/", "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + CREDENTIAL,
                "Authorization", validHeader(), "X-Amz-Date", "20150830T123600Z"), "Only one auth mechanism allowed");
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButSigV4Exception() {
        Random random = new Random(20150830);
        String alphabet = "AWS4-HMAC-SHA256 Credential=/,;= SignedHeaders Signature \t%&X-Amz-ab\u00e9\u1234";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(60); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            SignableRequest request = i % 2 == 0
                    ? request("/", "", "Authorization", value.toString(), "X-Amz-Date", "x")
                    : request("/", "X-Amz-Signature=1&" + value, "Host", "a");
            try {
                SigV4Parser.parse(request);
            } catch (SigV4Exception e) {
                assertThat(e.failure().kind()).isIn(Kind.INCOMPLETE_SIGNATURE, Kind.CREDENTIAL_SCOPE_MISMATCH);
            }
        }
    }

    private static void assertIncomplete(SignableRequest request, String messagePart) {
        assertThatThrownBy(() -> SigV4Parser.parse(request))
                .isInstanceOfSatisfying(SigV4Exception.class, e -> {
                    assertThat(e.failure().kind()).isEqualTo(Kind.INCOMPLETE_SIGNATURE);
                    assertThat(e.failure().queryCode()).isEqualTo("IncompleteSignature");
                    assertThat(e.failure().jsonCode()).isEqualTo("IncompleteSignatureException");
                    assertThat(e.getMessage()).contains(messagePart);
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }

    private static String validHeader() {
        return "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host;x-amz-date, Signature=" + SIGNATURE;
    }

    private static SignableRequest header(String authorization) {
        return request("/", "", "Authorization", authorization, "X-Amz-Date", "20150830T123600Z");
    }

    static SignableRequest request(String path, String query, String... headerNamesAndValues) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            headers.add(Map.entry(headerNamesAndValues[i], headerNamesAndValues[i + 1]));
        }
        return new SignableRequest("POST", path, query, headers, new byte[0]);
    }
}
