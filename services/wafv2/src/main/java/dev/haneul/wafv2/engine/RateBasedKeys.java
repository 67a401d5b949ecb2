package dev.haneul.wafv2.engine;

import java.util.List;

/**
 * GetRateBasedStatementManagedKeys: the addresses (CIDR /32 or /128) a rate-based rule aggregating
 * by IP or forwarded IP currently rate-limits.
 */
public record RateBasedKeys(List<String> ipv4, List<String> ipv6) {
    public RateBasedKeys {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
    }

    public static final RateBasedKeys EMPTY = new RateBasedKeys(List.of(), List.of());
}
