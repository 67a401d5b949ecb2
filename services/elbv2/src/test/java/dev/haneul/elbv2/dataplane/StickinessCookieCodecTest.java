package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.testing.HttpHeads;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Cookie values: round trip, and nothing a client can edit or bring from elsewhere opens. */
class StickinessCookieCodecTest {

    private final StickinessCookieCodec codec = new StickinessCookieCodec("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final int scope = StickinessCookieCodec.scope("arn:tg/web");
    private final long target = StickinessCookieCodec.subject("10.0.0.1:8080");

    @Test
    void aValueOpensToItsTargetAndExpiry() {
        String value = codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, target, 1_800_000_000L);
        assertThat(value).hasSize(22).matches("[A-Za-z0-9_-]+");
        StickinessCookieCodec.Opened opened = codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, value);
        assertThat(opened.subject()).isEqualTo(target);
        assertThat(opened.expiresAtSecond()).isEqualTo(1_800_000_000L);
        assertThat(codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, target, 1_800_000_000L)).isEqualTo(value);
    }

    @Test
    void theTargetIsNotReadableInTheValue() {
        String a = codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, target, 1_800_000_000L);
        String b = codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, target, 1_800_000_001L);
        byte[] x = Base64.getUrlDecoder().decode(a);
        byte[] y = Base64.getUrlDecoder().decode(b);
        int same = 0;
        for (int i = 0; i < 16; i++) {
            same += x[i] == y[i] ? 1 : 0;
        }
        assertThat(same).as("one changed plaintext bit changes the whole block").isLessThan(6);
    }

    @Test
    void everyOneByteEditIsRejected() {
        String value = codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, target, 1_800_000_000L);
        byte[] sealed = Base64.getUrlDecoder().decode(value);
        int accepted = 0;
        for (int i = 0; i < 16; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] edited = sealed.clone();
                edited[i] ^= (byte) (1 << bit);
                String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(edited);
                if (codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, forged) != null) {
                    accepted++;
                }
            }
        }
        assertThat(accepted).isZero();
    }

    @Test
    void valuesOfAnotherKindScopeOrLoadBalancerDoNotOpen() {
        String value = codec.encode(StickinessCookieCodec.Kind.LB_COOKIE, scope, target, 1_800_000_000L);
        assertThat(codec.decode(StickinessCookieCodec.Kind.APP_COOKIE, scope, value)).isNull();
        assertThat(codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope + 1, value)).isNull();
        StickinessCookieCodec other = new StickinessCookieCodec("fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
        assertThat(other.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, value)).isNull();
    }

    @Test
    void garbageDoesNotOpen() {
        assertThat(codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, null)).isNull();
        assertThat(codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, "")).isNull();
        assertThat(codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, "not a cookie value at all")).isNull();
        assertThat(codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, "!!!!!!!!!!!!!!!!!!!!!!")).isNull();
        assertThat(codec.decode(StickinessCookieCodec.Kind.LB_COOKIE, scope, "AAAAAAAAAAAAAAAAAAAAAA")).isNull();
    }

    @Test
    void cookieHeadersAreFoundAmongOthers() {
        var request = HttpHeads.request("GET", "/", "Cookie", "session=abc; AWSALBCORS=x; AWSALB=the-value; theme=dark",
                "Cookie", "other=1");
        assertThat(StickinessCookies.find(request, "AWSALB")).isEqualTo("the-value");
        assertThat(StickinessCookies.find(request, "AWSALBCORS")).isEqualTo("x");
        assertThat(StickinessCookies.find(request, "AWSALBTG")).isNull();
        var response = HttpHeads.response("Set-Cookie", "JSESSIONID=1; Path=/");
        assertThat(StickinessCookies.setsCookie(response, "JSESSIONID")).isTrue();
        assertThat(StickinessCookies.setsCookie(response, "JSESSION")).isFalse();
    }
}
