package dev.haneul.core.state;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/** The account and region a resource lives in; every service's state is partitioned by it. */
public record Scope(String accountId, String region) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+|[a-z0-9-]{1,40}");

    public Scope {
        requireNonNull(accountId, "accountId");
        requireNonNull(region, "region");
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("accountId: " + accountId + " (expected: 12 digits)");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region: " + region + " (expected: a region name such as us-east-1)");
        }
    }

    @Override
    public String toString() {
        return accountId + "/" + region;
    }
}
