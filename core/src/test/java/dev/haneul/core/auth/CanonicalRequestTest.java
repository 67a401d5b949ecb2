package dev.haneul.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalRequestTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "''                 | /",
        "/                  | /",
        "/a%20b             | /a%2520b",
        "/a b               | /a%20b",
        "/a/b/../           | /a/",
        "/a/b/..            | /a",
        "/../..             | /",
        "/a/./b//c          | /a/b/c",
        "/%2E%2E/x          | /%252E%252E/x",
        "/a+b:c@d           | /a%2Bb%3Ac%40d",
    })
    void standardRulesNormalizeAndEncodeTheSentPathAgain(String rawPath, String canonical) {
        assertThat(CanonicalRequest.canonicalUri(rawPath, SigningRules.STANDARD)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/bucket/my%20key         | /bucket/my%20key",
        "/bucket/my key           | /bucket/my%20key",
        "/bucket//a/../b          | /bucket//a/../b",
        "/bucket/a+b%7e%7E~       | /bucket/a%2Bb~~~",
        "/bucket/%e1%88%b4        | /bucket/%E1%88%B4",
        "/bucket/100%             | /bucket/100%25",
    })
    void s3RulesEncodeOnceAndKeepThePath(String rawPath, String canonical) {
        assertThat(CanonicalRequest.canonicalUri(rawPath, SigningRules.S3)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "b=2&a=1&a-b=3          | a=1&a-b=3&b=2",
        "a=2&a=10&a=1           | a=1&a=10&a=2",
        "flag&x=                | flag=&x=",
        "a=1&&b=2&              | a=1&b=2",
        "q=a+b                  | q=a%2Bb",
        "q=a b                  | q=a%20b",
        "q=%7e%7E~              | q=~~~",
        "q=%e1%88%b4            | q=%E1%88%B4",
        "%zz=1%                 | %25zz=1%25",
        "q=a=b                  | q=a%3Db",
        "Z=1&%E1%88%B4=2&a=3    | %E1%88%B4=2&Z=1&a=3",
    })
    void queryIsDecodedReencodedAndSortedByNameThenValue(String rawQuery, String canonical) {
        assertThat(CanonicalRequest.canonicalQuery(rawQuery, Set.of())).isEqualTo(canonical);
    }

    @Test
    void presignedSignatureIsLeftOutOfTheQuery() {
        assertThat(CanonicalRequest.canonicalQuery("X-Amz-Date=1&X-Amz-Signature=abc&a=1", Set.of("X-Amz-Signature")))
                .isEqualTo("X-Amz-Date=1&a=1");
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndJoined() {
        SignableRequest request = SigV4ParserTest.request("/", "",
                "My-Header", "  a \t b  ", "Folded", "one\r\n  two\n\tthree", "my-header", "\"x   y\"",
                "Empty", "", "Unsigned", "ignored");

        String canonical = CanonicalRequest.build(request, SigningRules.STANDARD,
                List.of("empty", "folded", "missing", "my-header"), Set.of(), CanonicalRequest.EMPTY_PAYLOAD_SHA256);

        assertThat(canonical).isEqualTo(String.join("\n", "POST", "/", "",
                "empty:", "folded:one two three", "missing:", "my-header:a b,\"x y\"", "",
                "empty;folded;missing;my-header", CanonicalRequest.EMPTY_PAYLOAD_SHA256));
    }
}
