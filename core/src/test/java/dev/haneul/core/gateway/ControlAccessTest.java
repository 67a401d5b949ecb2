package dev.haneul.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.testing.MutableClock;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token guards every change; with login required, reads need a session that only credentials or a ticket give. */
class ControlAccessTest {

    private final MutableClock clock = MutableClock.now();

    @Test
    void changesNeedTheTokenAndReadsAreOpenWithoutLogin() {
        ControlAccess access = ControlAccess.create(Map.of(), clock);
        assertThat(access.token()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(access.authorize(request(HttpMethod.POST))).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo("MissingAuthenticationToken");
        });
        assertThat(access.authorize(withToken(request(HttpMethod.PUT), "not-the-token"))).isPresent();
        assertThat(access.authorize(withToken(request(HttpMethod.DELETE), access.token()))).isEmpty();
        assertThat(access.authorize(request(HttpMethod.GET))).isEmpty();
        assertThat(ControlAccess.create(Map.of(), clock).token()).as("random per server").isNotEqualTo(access.token());
    }

    @Test
    void withLoginRequiredReadsNeedASessionFromTheApiCredentials() {
        ControlAccess access = ControlAccess.create(Map.of("AKID", "secret"), clock);
        assertThat(access.authorize(request(HttpMethod.GET))).isPresent();
        assertThat(access.login("AKID", "wrong")).isEmpty();
        assertThat(access.login("OTHER", "secret")).isEmpty();
        String session = access.login("AKID", "secret").orElseThrow();
        assertThat(access.authorize(withSession(request(HttpMethod.GET), session))).isEmpty();
        assertThat(access.authorize(withSession(request(HttpMethod.POST), session))).as("changes still need the token")
                .isPresent();
        assertThat(access.authorize(withSession(request(HttpMethod.GET), "forged"))).isPresent();
        assertThat(access.authorize(withToken(request(HttpMethod.GET), access.token()))).as("the CLI reads").isEmpty();

        clock.advance(ControlAccess.SESSION_LIFETIME);
        assertThat(access.authorize(withSession(request(HttpMethod.GET), session))).as("expired").isPresent();
    }

    @Test
    void aTicketGivesOneSessionOnceAndExpires() {
        ControlAccess access = ControlAccess.create(Map.of("AKID", "secret"), clock);
        String ticket = access.newTicket();
        String session = access.redeem(ticket).orElseThrow();
        assertThat(access.mayRead(withSession(request(HttpMethod.GET), session))).isTrue();
        assertThat(access.redeem(ticket)).as("used up").isEmpty();

        String late = access.newTicket();
        clock.advance(ControlAccess.TICKET_LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(access.redeem(late)).isEmpty();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrictlySameSite() {
        ControlAccess access = ControlAccess.create(Map.of("AKID", "secret"), clock);
        assertThat(access.sessionCookie("abc")).startsWith("haneul-session=abc;").contains("; HttpOnly")
                .contains("; SameSite=Strict").contains("; Path=/_haneul");
    }

    private static HttpRequest request(HttpMethod method) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, "/_haneul/api/apps");
        request.headers().set("Host", "127.0.0.1:4566");
        return request;
    }

    private static HttpRequest withToken(HttpRequest request, String token) {
        request.headers().set(ControlAccess.TOKEN_HEADER, token);
        return request;
    }

    private static HttpRequest withSession(HttpRequest request, String session) {
        request.headers().set("Cookie", "other=1; " + ControlAccess.SESSION_COOKIE + "=" + session);
        return request;
    }
}
