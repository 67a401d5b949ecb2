package dev.haneul.iam.policy;

import org.jspecify.annotations.Nullable;

/**
 * An ARN split into its six colon-delimited components; the sixth, the resource, keeps any further
 * colons ({@code cluster:board-db}). IAM compares ARNs component by component, so a wildcard never
 * spans the colons between the first five.
 */
record Arn(String text, String partition, String service, String region, String account, String resource) {

    /** The parts of {@code text}, or {@code null} when it is no ARN (such as {@code *}). */
    static @Nullable Arn parse(String text) {
        if (!text.startsWith("arn:")) {
            return null;
        }
        String[] parts = text.split(":", 6);
        if (parts.length < 6) {
            return null;
        }
        return new Arn(text, parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    String component(int index) {
        return switch (index) {
            case 0 -> "arn";
            case 1 -> partition;
            case 2 -> service;
            case 3 -> region;
            case 4 -> account;
            default -> resource;
        };
    }
}
