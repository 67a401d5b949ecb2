package dev.haneul.wafv2.engine;

import java.util.List;

/**
 * The country (and region) of a client address. Every client of a local load balancer is on
 * loopback or a private network, so instead of a GeoIP database this is a small documented table
 * (docs/waf.md, docs/fidelity.md): loopback and private ranges are in {@code US} / {@code US-VA}
 * (us-east-1's region), and the three documentation ranges stand for other countries so rules can
 * be tried with {@code X-Forwarded-For} and {@code ForwardedIPConfig}.
 */
final class GeoTable {

    /** A range and where it is. */
    record Entry(String cidr, String country, String region) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("127.0.0.0/8", "US", "US-VA"),
            new Entry("10.0.0.0/8", "US", "US-VA"),
            new Entry("172.16.0.0/12", "US", "US-VA"),
            new Entry("192.168.0.0/16", "US", "US-VA"),
            new Entry("::1/128", "US", "US-VA"),
            new Entry("fc00::/7", "US", "US-VA"),
            new Entry("192.0.2.0/24", "DE", "DE-HE"),
            new Entry("198.51.100.0/24", "JP", "JP-13"),
            new Entry("203.0.113.0/24", "BR", "BR-SP"),
            new Entry("2001:db8::/32", "GB", "GB-ENG"));

    private static final IpSetMatcher[] MATCHERS = ENTRIES.stream()
            .map(e -> IpSetMatcher.of(List.of(e.cidr()))).toArray(IpSetMatcher[]::new);

    /** Used for every address the table does not list. */
    static final Entry UNLISTED = new Entry("0.0.0.0/0", "US", "US-VA");

    private GeoTable() {
    }

    static Entry lookup(byte[] address) {
        for (int i = 0; i < MATCHERS.length; i++) {
            if (MATCHERS[i].contains(address)) {
                return ENTRIES.get(i);
            }
        }
        return UNLISTED;
    }

    static Entry lookup(String address) {
        byte[] bytes = IpAddresses.parse(address);
        return bytes == null ? UNLISTED : lookup(bytes);
    }
}
