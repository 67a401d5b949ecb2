package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What {@link Elbv2DataPlane#apply} did with the listeners: the port each one listens on, and why
 * any could not listen at all.
 */
public record ApplyResult(Map<String, Integer> boundPorts, Map<String, String> failures) {

    public ApplyResult {
        boundPorts = Map.copyOf(requireNonNull(boundPorts, "boundPorts"));
        failures = Map.copyOf(requireNonNull(failures, "failures"));
    }
}
