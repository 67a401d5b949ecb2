package dev.haneul.wafv2.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An IP set's addresses, for lookups in a few hash probes: per prefix length present, the set of
 * networks of that length (an IP set has at most 10,000 CIDRs but only a few distinct lengths).
 */
final class IpSetMatcher {

    private final int[] prefixes;
    private final List<Set<ByteBuffer>> networks;

    private IpSetMatcher(Map<Integer, Set<ByteBuffer>> byPrefix) {
        this.prefixes = byPrefix.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        List<Set<ByteBuffer>> sets = new ArrayList<>();
        for (int key : prefixes) {
            sets.add(Set.copyOf(byPrefix.getOrDefault(key, Set.of())));
        }
        this.networks = List.copyOf(sets);
    }

    /**
     * Compiles CIDRs ({@code 192.0.2.0/24}, {@code 2001:db8::/32}).
     *
     * @throws WafValidationException for a malformed one
     */
    static IpSetMatcher of(List<String> cidrs) {
        Map<Integer, Set<ByteBuffer>> networks = new HashMap<>();
        for (String text : cidrs) {
            IpAddresses.Cidr cidr = IpAddresses.cidr(text);
            if (cidr == null) {
                throw new WafValidationException("IP_ADDRESS", text, "Invalid IP address or CIDR");
            }
            // Key by family and length: an IPv6 /24 must not match an IPv4 /24.
            int key = cidr.network().length == 4 ? cidr.prefix() : 1000 + cidr.prefix();
            networks.computeIfAbsent(key, k -> new HashSet<>()).add(ByteBuffer.wrap(cidr.network()));
        }
        return new IpSetMatcher(networks);
    }

    boolean contains(byte[] address) {
        boolean v4 = address.length == 4;
        for (int i = 0; i < prefixes.length; i++) {
            int key = prefixes[i];
            if (v4 != key < 1000) {
                continue;
            }
            int prefix = v4 ? key : key - 1000;
            if (networks.get(i).contains(ByteBuffer.wrap(IpAddresses.mask(address, prefix)))) {
                return true;
            }
        }
        return false;
    }
}
