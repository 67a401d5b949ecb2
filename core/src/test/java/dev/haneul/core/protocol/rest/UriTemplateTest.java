package dev.haneul.core.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URI templates: labels, greedy labels anywhere in the path, literal query parameters, specificity. */
class UriTemplateTest {

    private static Map<String, String> match(String template, String path, Map<String, List<String>> query) {
        return UriTemplate.compile(template).match(UriTemplate.split(path), query);
    }

    @Test
    void labelsMatchOneNonEmptySegmentAndStayEncoded() {
        assertThat(match("/a/{Id}/b", "/a/x%2Fy/b", Map.of())).isEqualTo(Map.of("Id", "x%2Fy"));
        assertThat(match("/a/{Id}/b", "/a//b", Map.of())).isNull();
        assertThat(match("/a/{Id}/b", "/a/x/c", Map.of())).isNull();
        assertThat(match("/", "/", Map.of())).isEmpty();
    }

    @Test
    void aGreedyLabelTakesEverySegmentBetweenTheLiteralsAroundIt() {
        assertThat(match("/{Bucket}/{Key+}", "/b/x/y/z", Map.of())).isEqualTo(Map.of("Bucket", "b", "Key", "x/y/z"));
        assertThat(match("/files/{Path+}/meta", "/files/a/b/meta", Map.of())).isEqualTo(Map.of("Path", "a/b"));
        assertThat(match("/files/{Path+}/meta", "/files/meta", Map.of())).isNull();
        assertThat(match("/{Bucket}/{Key+}", "/b/", Map.of())).isNull();
    }

    @Test
    void literalQueryParametersMustBePresentWithTheirValue() {
        assertThat(match("/{B}?uploads", "/b", Map.of("uploads", List.of("")))).isEqualTo(Map.of("B", "b"));
        assertThat(match("/{B}?uploads", "/b", Map.of())).isNull();
        assertThat(match("/{B}?list-type=2", "/b", Map.of("list-type", List.of("1")))).isNull();
        assertThat(match("/{B}?select&select-type=2", "/b", Map.of("select", List.of(""), "select-type", List.of("2"))))
                .isEqualTo(Map.of("B", "b"));
    }

    @Test
    void moreLiteralsAreMoreSpecific() {
        UriTemplate plain = UriTemplate.compile("/{Bucket}");
        UriTemplate withQuery = UriTemplate.compile("/{Bucket}?acl");
        UriTemplate literal = UriTemplate.compile("/admin");
        assertThat(withQuery.compareSpecificity(plain)).isNegative();
        assertThat(literal.compareSpecificity(withQuery)).isNegative();
        assertThat(UriTemplate.compile("/{A}/{B}").compareSpecificity(UriTemplate.compile("/{A}/{B+}"))).isNegative();
    }

    @Test
    void templatesItCannotMatchAreRefusedWhenTheCodecIsBuilt() {
        assertThatThrownBy(() -> UriTemplate.compile("/v1/{Id}.json")).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> UriTemplate.compile("/{A+}/{B+}")).hasMessageContaining("two greedy labels");
    }
}
