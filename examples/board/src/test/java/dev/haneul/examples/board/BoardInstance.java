package dev.haneul.examples.board;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One board app instance inside the test JVM, on a free port, configured by the same names as its
 * environment variables (they are placeholders in {@code application.properties}, which resolve
 * from any property source).
 */
final class BoardInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final URI uri;

    private BoardInstance(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.uri = URI.create("http://127.0.0.1:" + port);
    }

    /** Starts an instance named {@code name} with {@code backends}' settings plus {@code overrides}. */
    static BoardInstance start(String name, Backends backends, Map<String, String> overrides) {
        Map<String, Object> properties = new LinkedHashMap<>(backends.boardSettings());
        properties.put("BOARD_INSTANCE_NAME", name);
        properties.put("SERVER_PORT", "0");
        properties.put("SERVER_ADDRESS", "127.0.0.1");
        properties.putAll(overrides);
        return new BoardInstance(new SpringApplicationBuilder(BoardApplication.class).properties(properties).run());
    }

    static BoardInstance start(String name, Backends backends) {
        return start(name, backends, Map.of());
    }

    URI uri() {
        return uri;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
