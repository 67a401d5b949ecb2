package dev.haneul.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ProcessSocketsTest {

    /** Two lines of a real /proc/net/tcp: a listener on 127.0.0.1:3306 and a connection to 127.10.0.2:3306. */
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4711 1 0000000000000000 100 0 0 10 0
               1: 0100007F:A1B2 02000A7F:0CEA 01 00000000:00000000 00:00000000 00000000     0        0 4712 1 0000000000000000 20 4 30 10 -1
            """;
    /** A JVM's IPv6 socket connected to the IPv4 address 127.10.1.1:6379 (IPv4-mapped), and a real IPv6 one to ::1:80. */
    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0000000000000000FFFF00000100007F:C350 0000000000000000FFFF000001010A7F:18EB 01 00000000:00000000 00:00000000 00000000     0        0 4713 1 0000000000000000 20 4 1 10 -1
               1: 00000000000000000000000001000000:C351 00000000000000000000000001000000:0050 01 00000000:00000000 00:00000000 00000000     0        0 4714 1 0000000000000000 20 4 1 10 -1
            """;

    @Test
    void decodesAddressesInHostByteOrderPerWord() throws Exception {
        assertThat(ProcessSockets.address("0100007F:0CEA"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 3306));
        assertThat(ProcessSockets.address("0000000000000000FFFF000001010A7F:18EB"))
                .as("IPv4-mapped comes back as IPv4")
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("127.10.1.1"), 6379));
        assertThat(ProcessSockets.address("00000000000000000000000001000000:0050"))
                .isEqualTo(new InetSocketAddress(InetAddress.getByName("::1"), 80));
        assertThatThrownBy(() -> ProcessSockets.address("7F00:0050")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessSockets.address("0100007F")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesEverySocketLineAndSkipsTheHeader() throws Exception {
        List<ProcessSockets.Socket> sockets = ProcessSockets.parse(TCP);

        assertThat(sockets).hasSize(2);
        assertThat(sockets.get(0).state()).isEqualTo(0x0A); // LISTEN
        assertThat(sockets.get(1)).isEqualTo(new ProcessSockets.Socket(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0xA1B2),
                new InetSocketAddress(InetAddress.getByName("127.10.0.2"), 3306), ProcessSockets.ESTABLISHED, 4712));
        assertThat(ProcessSockets.parse("garbage\n\n  9: nonsense here\n")).isEmpty();
    }

    @Test
    void joinsAProcessesSocketLinksWithTheTables(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), TCP);
        Files.writeString(proc.resolve("net/tcp6"), TCP6);
        Path fd = Files.createDirectories(proc.resolve("42/fd"));
        Files.createSymbolicLink(fd.resolve("0"), Path.of("/dev/null"));
        Files.createSymbolicLink(fd.resolve("7"), Path.of("socket:[4711]")); // the listener: not a connection
        Files.createSymbolicLink(fd.resolve("8"), Path.of("socket:[4712]"));
        Files.createSymbolicLink(fd.resolve("9"), Path.of("socket:[4713]"));
        Files.createSymbolicLink(fd.resolve("10"), Path.of("pipe:[4714]"));

        Map<Long, List<ProcessSockets.Socket>> connections = new ProcessSockets(proc).established(List.of(42L, 43L));

        assertThat(connections.get(42L)).extracting(s -> s.remote().getAddress().getHostAddress() + ":" + s.remote().getPort())
                .containsExactly("127.10.0.2:3306", "127.10.1.1:6379");
        assertThat(connections.get(43L)).as("a process that is gone holds nothing").isEmpty();
    }

    @Test
    void noProcNetTcpMeansNoConnections(@TempDir Path proc) throws Exception {
        assertThat(new ProcessSockets(proc).established(List.of(1L))).containsEntry(1L, List.of());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void seesThisJvmsOwnConnectionOnTheRealProc() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Socket client = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort());
             Socket accepted = server.accept()) {
            long pid = ProcessHandle.current().pid();

            List<ProcessSockets.Socket> mine = new ProcessSockets(Path.of("/proc")).established(List.of(pid)).get(pid);

            assertThat(mine).anySatisfy(s -> {
                assertThat(s.remote().getPort()).isEqualTo(server.getLocalPort());
                assertThat(s.local().getPort()).isEqualTo(client.getLocalPort());
                assertThat(s.remote().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            });
            assertThat(accepted.isConnected()).isTrue();
        }
    }
}
