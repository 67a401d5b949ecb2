package dev.haneul.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What a PUT body may say: a kind, a port and parameters, nothing that decides what runs. */
class AppRoutesTest {

    @Test
    void aBodyPicksAKindAPortAndParameters() {
        AppSpec spec = AppRoutes.spec("board-1", body("""
                {"kind": "board", "port": 8081, "parameters": {"dbWriterHost": "127.10.0.1", "dbUser": "admin"}}"""));
        assertThat(spec).isEqualTo(new AppSpec("board-1", "board", 8081,
                Map.of("dbWriterHost", "127.10.0.1", "dbUser", "admin")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvmOptions", "jar", "arguments", "environment", "command", "healthPath"})
    void fieldsThatWouldDecideWhatRunsAreRefused(String field) {
        assertThatThrownBy(() -> AppRoutes.spec("x", body("{\"kind\": \"board\", \"port\": 8081, \"" + field
                + "\": [\"-XX:OnOutOfMemoryError=touch /tmp/pwned\"]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field '" + field + "' is not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "not json", "{\"kind\": 1, \"port\": 8081}", "{\"kind\": \"board\", \"port\": \"80\"}",
        "{\"kind\": \"board\", \"port\": 8081, \"parameters\": {\"dbUser\": 7}}",
        "{\"kind\": \"board\", \"port\": 8081, \"parameters\": []}"})
    void malformedBodiesAreRefusedWithoutJavaTypeNames(String text) {
        assertThatThrownBy(() -> AppRoutes.spec("x", body(text))).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("java.").doesNotContain("Jackson"));
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
