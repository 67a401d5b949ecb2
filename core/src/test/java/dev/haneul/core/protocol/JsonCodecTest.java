package dev.haneul.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.protocol.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The json protocol body codec, without the corpora. */
class JsonCodecTest {

    private final Shape order = TestModels.shop().shape("Order").orElseThrow();

    @Test
    void roundTripsTimestampsAsEpochSecondsAndNonFiniteNumbersAsStrings() throws Exception {
        Map<String, Object> value = Map.of("OrderId", "o", "CreatedAt", Instant.parse("2026-11-26T10:00:00.500Z"),
                "Weight", Double.NaN, "Tags", List.of(Map.of("Key", "k")));
        byte[] json = JsonCodec.encode(order, value);
        assertThat(new ObjectMapper().readTree(json).path("CreatedAt").decimalValue()).isEqualByComparingTo("1795687200.5");
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"Weight\":\"NaN\"");
        assertThat(TreeValues.canonical(JsonCodec.decode(order, json))).isEqualTo(TreeValues.canonical(value));
    }

    @Test
    void rejectsWhatIsNotAnObjectOrHasWrongTypes() {
        assertThatThrownBy(() -> JsonCodec.decode(order, "[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED));
        assertThatThrownBy(() -> JsonCodec.decode(order, "{\"Quantity\":\"3\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.path()).isEqualTo("Quantity"));
        assertThatThrownBy(() -> JsonCodec.decode(order, "{\"Tags\":{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ProtocolException.class);
        assertThat(JsonCodec.decode(order, new byte[0])).isEmpty();
    }

    @Test
    void errorsCarryTypeAndMessage() throws Exception {
        byte[] body = JsonCodec.error(CommonErrors.VALIDATION_EXCEPTION.error("bad"), Optional.empty(),
                "ValidationException");
        assertThat(new ObjectMapper().readTree(body).path("__type").asText()).isEqualTo("ValidationException");
        assertThat(new ObjectMapper().readTree(body).path("message").asText()).isEqualTo("bad");
    }
}
