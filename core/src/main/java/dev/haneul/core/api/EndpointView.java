package dev.haneul.core.api;

/**
 * One user-facing endpoint of a resource, as {@code haneul status} and the dashboard list it: the
 * resource ({@code rds cluster c1}), the endpoint's role ({@code writer}, {@code reader},
 * {@code listener :80}) and the address users connect to ({@code 127.10.0.1:3306}).
 */
public record EndpointView(String resource, String role, String address) {}
