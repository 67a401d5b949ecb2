package dev.haneul.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignableRequestTest {

    @Test
    void splitsTheRequestTarget() {
        SignableRequest request = SignableRequest.of("GET", "/a%20b?x=1&y", List.of());
        assertThat(request.rawPath()).isEqualTo("/a%20b");
        assertThat(request.rawQuery()).isEqualTo("x=1&y");
        assertThat(request.requestTarget()).isEqualTo("/a%20b?x=1&y");

        assertThat(SignableRequest.of("GET", "/", List.of()).rawQuery()).isEmpty();
        assertThat(SignableRequest.of("GET", "http://127.0.0.1:4566/p?q", List.of()).requestTarget()).isEqualTo("/p?q");
        assertThat(SignableRequest.of("GET", "http://127.0.0.1:4566?q", List.of()).requestTarget()).isEqualTo("/?q");
        assertThat(SignableRequest.of("GET", "http://127.0.0.1:4566", List.of()).requestTarget()).isEqualTo("/");
    }

    @Test
    void keepsHeadersAsReceivedAndIsImmutable() {
        List<Map.Entry<String, String>> headers = new ArrayList<>(List.of(Map.entry("X-A", "1"), Map.entry("x-a", "2")));
        SignableRequest request = SignableRequest.of("GET", "/", headers);
        headers.clear();

        assertThat(request.headers()).containsExactly(Map.entry("X-A", "1"), Map.entry("x-a", "2"));
        assertThat(request.headerValues("X-a")).containsExactly("1", "2");
        assertThat(request.firstHeader("x-A")).contains("1");
        assertThat(request.withoutHeader("X-A").headers()).isEmpty();
        assertThat(request.withHeader("B", "3").headers()).hasSize(3);
        assertThat(request.headers()).hasSize(2);
        assertThatThrownBy(() -> request.headers().add(Map.entry("c", "d")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void comparesBodiesByContentAndPrintsNoCredentials() {
        SignableRequest a = SignableRequest.of("PUT", "/?X-Amz-Security-Token=secret",
                List.of(Map.entry("X-Amz-Security-Token", "secret")), "x".getBytes(UTF_8));
        SignableRequest b = SignableRequest.of("PUT", "/?X-Amz-Security-Token=secret",
                List.of(Map.entry("X-Amz-Security-Token", "secret")), "x".getBytes(UTF_8));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.withBody("y".getBytes(UTF_8)));
        assertThat(a.toString()).doesNotContain("secret").contains("X-Amz-Security-Token", "1 bytes");
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> new SignableRequest("GET", "/", null, List.of(), new byte[0]))
                .isInstanceOf(NullPointerException.class).hasMessage("rawQuery");
    }
}
