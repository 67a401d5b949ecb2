package dev.haneul.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPatternTest {

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
        "*, anything, true",
        "*, '', true",
        "s3:get*, s3:getobject, true",
        "s3:get*, s3:putobject, false",
        "s3:get*, s3:get, true",
        "*object, s3:getobject, true",
        "*object, s3:getobjectacl, false",
        "s3:*object*, s3:getobjectacl, true",
        "t?.micro, t2.micro, true",
        "t?.micro, t21.micro, false",
        "a*b*c, aXXbYYc, true",
        "a*b*c, aXXbYY, false",
        "a*b*c, abcbc, true",
        "exact, exact, true",
        "exact, Exact, false",
        "*a*a*a*, aaa, true",
        "*a*a*a*, aa, false",
        "?, '', false"})
    void globs(String pattern, String subject, boolean expected) {
        assertThat(WildcardPattern.glob(pattern).matches(subject)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "literal {0} ~ {1} = {2}")
    @CsvSource({"a*b, a*b, true", "a*b, aXb, false", "a?b, aXb, false", "a?b, a?b, true"})
    void literalsKeepWildcardCharactersInert(String pattern, String subject, boolean expected) {
        assertThat(WildcardPattern.literal(pattern).matches(subject)).isEqualTo(expected);
    }
}
