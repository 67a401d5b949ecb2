package dev.haneul.demo;

import java.util.List;

/**
 * What the demo runs, once it is ready: where to point a browser, and every endpoint and app.
 *
 * @param applicationUrl the board, through the load balancer's listener
 * @param dashboardUrl Haneul's live dashboard
 * @param endpoints every endpoint of every resource, in the order to show them
 * @param apps the board instances
 */
public record DemoSummary(String applicationUrl, String dashboardUrl, List<Endpoint> endpoints, List<AppStatus> apps) {

    public DemoSummary {
        endpoints = List.copyOf(endpoints);
        apps = List.copyOf(apps);
    }

    /**
     * One endpoint.
     *
     * @param resource such as {@code Aurora cluster board-db}
     * @param role such as {@code writer (cluster endpoint)}
     * @param address {@code host:port}, or a URL for a listener
     */
    public record Endpoint(String resource, String role, String address) {}
}
