package dev.haneul.elasticache.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RESP2 framing of commands and every reply type, against a server that answers canned bytes. */
class RespClientTest {

    @Test
    void framesCommandsAndReadsEveryReplyType() throws Exception {
        String replies = String.join("\r\n", "+OK", ":42", "$5", "hello", "$-1", "*3", "$1", "a", ":7", "-ERR inner",
                "*-1", "-WRONGPASS invalid username-password pair", "");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            Thread fake = Thread.ofVirtual().start(() -> serve(server, replies, received));
            try (RespClient client = RespClient.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5))) {
                assertThat(client.call("SET", "k", "välue")).isEqualTo("OK");
                assertThat(client.call("INCRBY", "n", "42")).isEqualTo(42L);
                assertThat(client.callString("GET", "k")).isEqualTo("hello");
                assertThat(client.call("GET", "missing")).isNull();
                @SuppressWarnings("unchecked")
                List<Object> array = (List<Object>) client.call("X");
                assertThat(array.subList(0, 2)).containsExactly("a", 7L);
                assertThat(array.get(2)).isInstanceOf(RespClient.RespError.class);
                assertThat(client.call("Y")).isNull();
                assertThatThrownBy(() -> client.call("AUTH", "nope")).isInstanceOfSatisfying(RespClient.RespError.class,
                        e -> assertThat(e.code()).isEqualTo("WRONGPASS"));
            }
            fake.join();
            assertThat(received.toString(StandardCharsets.UTF_8))
                    .startsWith("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$6\r\nvälue\r\n*3\r\n$6\r\nINCRBY\r\n");
        }
    }

    private static void serve(ServerSocket server, String replies, ByteArrayOutputStream received) {
        try (Socket socket = server.accept()) {
            socket.getOutputStream().write(replies.getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (received) {
                    received.write(Arrays.copyOf(buffer, n));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
