package dev.haneul.examples.board;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The name of this app instance, as the footer and the {@code X-Board-Instance} header show it:
 * {@code BOARD_INSTANCE_NAME}, else {@code <server.address or host name>:<port>} once the port is
 * bound (so port 0 works).
 */
@Component
final class InstanceName implements ApplicationListener<WebServerInitializedEvent> {

    private final boolean configured;
    private final String host;
    private volatile String name;

    InstanceName(BoardProperties properties, Environment environment) {
        String instanceName = properties.instanceName();
        this.configured = instanceName != null;
        String address = environment.getProperty("server.address");
        this.host = address != null && !address.isBlank() ? address : hostName();
        this.name = instanceName != null ? instanceName : host + ":" + environment.getProperty("server.port", "8080");
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (!configured) {
            name = host + ":" + event.getWebServer().getPort();
        }
    }

    String get() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
