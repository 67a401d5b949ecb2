package dev.haneul.core.auth;

import static dev.haneul.core.auth.SigV4ParserTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4SignerTest {

    private static final String KEY = "AKIDEXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");

    /** The worked example of the AWS documentation ("Create a signed AWS API request"): IAM ListUsers. */
    @Test
    void reproducesTheAwsDocumentationExample() {
        SignableRequest request = SignableRequest.of("GET", "/?Action=ListUsers&Version=2010-05-08", List.of(
                Map.entry("Host", "iam.amazonaws.com"),
                Map.entry("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")));

        SigV4Signer.Signed signed = SigV4Signer.builder(KEY, SECRET, "us-east-1", "iam").build()
                .signWithDetails(request, TIME);

        assertThat(signed.computation().stringToSign()).endsWith(
                "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
        assertThat(signed.request().firstHeader("Authorization")).contains("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
                + "20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                + "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
    }

    @Test
    void replacesAPreviousSignatureAndLeavesProxyHeadersUnsigned() {
        SignableRequest request = request("/", "", "Host", "rds.amazonaws.com", "User-Agent", "aws-cli/2",
                "Authorization", "old", "X-Amz-Date", "19700101T000000Z");

        SignableRequest signed = SigV4Signer.sign(request, KEY, SECRET, "us-east-1", "rds", TIME);

        assertThat(signed.headerValues("Authorization")).hasSize(1).allMatch(v -> v.contains("SignedHeaders=host;x-amz-date,"));
        assertThat(signed.headerValues("X-Amz-Date")).containsExactly("20150830T123600Z");
        assertThat(signed.firstHeader("User-Agent")).contains("aws-cli/2");
    }

    @Test
    void signsTheSessionTokenHeaderAndQueryParameter() {
        SigV4Signer signer = SigV4Signer.builder(KEY, SECRET, "us-east-1", "sts").sessionToken("tok/en+=").build();
        SignableRequest request = request("/", "Action=GetCallerIdentity", "Host", "sts.amazonaws.com");

        assertThat(signer.sign(request, TIME).firstHeader("Authorization").orElseThrow())
                .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,");
        SignableRequest presigned = signer.presign(request, TIME, Duration.ofSeconds(60));
        assertThat(presigned.rawQuery()).startsWith("Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256&")
                .contains("&X-Amz-Expires=60&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-Signature=");
    }

    @Test
    void presigningAgainReplacesTheOldParameters() {
        SigV4Signer signer = SigV4Signer.builder(KEY, SECRET, "us-east-1", "sts").build();
        SignableRequest request = request("/", "Action=GetCallerIdentity", "Host", "sts.amazonaws.com");

        SignableRequest twice = signer.presign(signer.presign(request, TIME, Duration.ofSeconds(60)), TIME,
                Duration.ofSeconds(60));

        assertThat(twice).isEqualTo(signer.presign(request, TIME, Duration.ofSeconds(60)));
    }

    @Test
    void requiresAHostHeader() {
        assertThatThrownBy(() -> SigV4Signer.sign(request("/", ""), KEY, SECRET, "us-east-1", "rds", TIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Host");
    }

    @Test
    void rulesDefaultByService() {
        assertThat(SigningRules.forService("s3")).isEqualTo(SigningRules.S3);
        assertThat(SigningRules.forService("rds")).isEqualTo(SigningRules.STANDARD);
    }
}
