package dev.haneul.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code haneul dashboard}: a one-time login URL of the dashboard, made with the server's token
 * (which only the user who started the server can read), so a browser gets a session without
 * typing credentials.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {
            "Prints a one-time URL that opens the live dashboard already logged in.",
            "",
            "The URL works once, within two minutes, and gives that browser a session (an HttpOnly cookie) for 12 "
                    + "hours. With --auth sigv4 the dashboard otherwise asks for an access key and its secret; "
                    + "without it the dashboard is also at http://127.0.0.1:PORT/_haneul/ directly.",
            "",
            "Exit status: 0 when done, 1 when the server is down or its token unreadable, 2 for an invalid setting."})
final class DashboardCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions options;

    @Option(names = "--open", description = "Also open the URL in the desktop's browser (xdg-open, or open on macOS).")
    boolean open;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerClient client = new ServerClient(options.config());
        if (client.health().isEmpty()) {
            err.println("haneul dashboard: Haneul is not running; start it with './haneul start -d'.");
            return 1;
        }
        URI base = URI.create("http://127.0.0.1:" + client.port());
        String url;
        try {
            url = base.resolve(ticketPath(base, token(options.config().dataDir()))).toString();
        } catch (IOException e) {
            err.println("haneul dashboard: " + e.getMessage());
            return 1;
        }
        out.println("Open the dashboard (this URL works once, within two minutes):");
        out.println("  " + url);
        if (open) {
            browse(url, err);
        }
        return 0;
    }

    private static String token(Path dataDir) throws IOException {
        Path file = dataDir.resolve("server.token");
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new IOException("cannot read the server's token " + file + " (" + e.getMessage()
                    + "); run this as the user who started Haneul", e);
        }
    }

    /** {@code POST /_haneul/api/session/tickets} with the token: the path of a one-time login URL. */
    private static String ticketPath(URI base, String token) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) base.resolve("/_haneul/api/session/tickets").toURL()
                .openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("X-Haneul-Token", token);
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(10_000);
        try {
            if (connection.getResponseCode() != 200) {
                throw new IOException("the server refused a login URL (HTTP " + connection.getResponseCode() + ")");
            }
            try (InputStream in = connection.getInputStream()) {
                return JSON.readTree(in).path("url").asText();
            }
        } finally {
            connection.disconnect();
        }
    }

    private static void browse(String url, PrintWriter err) {
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        try {
            new ProcessBuilder(List.of(mac ? "open" : "xdg-open", url)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("haneul dashboard: cannot open a browser (" + e.getMessage() + "); open the URL yourself.");
        }
    }
}
