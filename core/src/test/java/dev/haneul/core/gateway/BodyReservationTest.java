package dev.haneul.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class BodyReservationTest {

    private static final long MAX = 16L << 20;

    @Test
    void aBodyOfKnownLengthReservesItsLength() {
        assertThat(GatewayServer.bodyReservation(put("4096", null), MAX)).isEqualTo(4096);
    }

    @Test
    void awsChunkedFramingIsNotCompressionSoASmallS3PutReservesItsLength() {
        assertThat(GatewayServer.bodyReservation(put("4200", "aws-chunked"), MAX)).isEqualTo(4200);
        assertThat(GatewayServer.bodyReservation(put("4200", "AWS-Chunked, identity"), MAX)).isEqualTo(4200);
    }

    @Test
    void aCompressedBodyMayGrowSoItReservesAsItArrives() {
        assertThat(GatewayServer.bodyReservation(put("4096", "gzip"), MAX)).isEqualTo(GatewayServer.AS_IT_ARRIVES);
        assertThat(GatewayServer.bodyReservation(put("4096", "aws-chunked, gzip"), MAX))
                .isEqualTo(GatewayServer.AS_IT_ARRIVES);
    }

    @Test
    void anUnknownLengthReservesAsItArrivesAndAnOversizedOneNothing() {
        HttpRequest chunked = put(null, null);
        chunked.headers().set("Transfer-Encoding", "chunked");
        assertThat(GatewayServer.bodyReservation(chunked, MAX)).isEqualTo(GatewayServer.AS_IT_ARRIVES);
        assertThat(GatewayServer.bodyReservation(put(String.valueOf(MAX + 1), null), MAX)).isZero();
    }

    private static HttpRequest put(String contentLength, String contentEncoding) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/bucket/key");
        if (contentLength != null) {
            request.headers().set("Content-Length", contentLength);
        }
        if (contentEncoding != null) {
            request.headers().set("Content-Encoding", contentEncoding);
        }
        return request;
    }
}
