package dev.haneul.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aRetryWithTheSameTokenAndParametersReplaysTheFirstResult() {
        String fingerprint = ClientTokens.fingerprint(Map.of("ImageId", "ami-1", "Count", 1));
        Map<String, ClientTokens.Entry> tokens = ClientTokens.remember(Map.of(), "t1",
                new ClientTokens.Entry(fingerprint, "i-0abc", NOW), NOW);
        assertThat(ClientTokens.replay(tokens, "t1", fingerprint, NOW.plusSeconds(60), ClientTokensTest::mismatch))
                .contains("i-0abc");
        assertThat(ClientTokens.replay(tokens, "t2", fingerprint, NOW, ClientTokensTest::mismatch)).isEmpty();
    }

    @Test
    void theSameTokenWithOtherParametersIsRefusedUntilItExpires() {
        Map<String, ClientTokens.Entry> tokens = ClientTokens.remember(Map.of(), "t1",
                new ClientTokens.Entry(ClientTokens.fingerprint("a"), "i-0abc", NOW), NOW);
        String other = ClientTokens.fingerprint("b");
        assertThatThrownBy(() -> ClientTokens.replay(tokens, "t1", other, NOW, ClientTokensTest::mismatch))
                .isInstanceOf(AwsServiceException.class).hasMessageContaining("mismatch");
        Instant later = NOW.plus(ClientTokens.DEFAULT_TTL).plus(Duration.ofSeconds(1));
        assertThat(ClientTokens.replay(tokens, "t1", other, later, ClientTokensTest::mismatch)).isEmpty();
        assertThat(ClientTokens.remember(tokens, "t2", new ClientTokens.Entry(other, "i-0def", later), later))
                .containsOnlyKeys("t2");
    }

    private static AwsServiceException mismatch() {
        return new AwsServiceException(400, "IdempotentParameterMismatch", "mismatch");
    }
}
