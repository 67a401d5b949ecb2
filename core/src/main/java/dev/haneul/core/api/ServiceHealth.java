package dev.haneul.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's state for health checks and {@code haneul status}: {@code running}, {@code starting}
 * (engines still coming back) or {@code degraded} (with a reason), and resource counts by kind, in
 * the order the provider gives them ({@code haneul status} prints them so).
 */
public record ServiceHealth(String state, String detail, Map<String, Integer> resources) {

    public ServiceHealth {
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }

    public static ServiceHealth running(Map<String, Integer> resources) {
        return new ServiceHealth("running", "", resources);
    }

    public static ServiceHealth starting(String detail, Map<String, Integer> resources) {
        return new ServiceHealth("starting", detail, resources);
    }

    public static ServiceHealth degraded(String detail, Map<String, Integer> resources) {
        return new ServiceHealth("degraded", detail, resources);
    }
}
