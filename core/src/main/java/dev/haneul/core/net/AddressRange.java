package dev.haneul.core.net;

import static java.util.Objects.requireNonNull;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 CIDR block inside 127.0.0.0/8 (Linux routes all of it to the loopback interface), such as
 * Haneul's default {@code 127.10.0.0/16}. Split into /24 blocks, one per resource.
 */
public record AddressRange(int base, int prefixLength) {

    /** The default range of endpoint addresses. */
    public static final String DEFAULT = "127.10.0.0/16";

    public AddressRange {
        if (prefixLength < 8 || prefixLength > 24) {
            throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 8-24)");
        }
        if ((base >>> 24) != 127) {
            throw new IllegalArgumentException("base: " + format(base) + " (expected: inside 127.0.0.0/8)");
        }
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        if ((base & ~mask) != 0) {
            throw new IllegalArgumentException("base: " + format(base) + " (expected: aligned to /" + prefixLength + ")");
        }
    }

    /** Parses {@code a.b.c.d/n}. */
    public static AddressRange parse(String cidr) {
        requireNonNull(cidr, "cidr");
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("address range: " + cidr + " (expected: CIDR such as " + DEFAULT + ")");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address range: " + cidr + " (expected: CIDR such as " + DEFAULT + ")");
        }
        String[] parts = cidr.substring(0, slash).split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("address range: " + cidr + " (expected: CIDR such as " + DEFAULT + ")");
        }
        int base = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("address range: " + cidr + " (expected: CIDR such as " + DEFAULT + ")");
            }
            base = base << 8 | octet;
        }
        return new AddressRange(base, prefix);
    }

    /** How many /24 blocks the range holds. */
    public int blocks() {
        return 1 << (24 - prefixLength);
    }

    /** The address {@code host} (1-254) of block {@code block}. */
    public String address(int block, int host) {
        if (block < 0 || block >= blocks()) {
            throw new IllegalArgumentException("block: " + block + " (expected: 0-" + (blocks() - 1) + ")");
        }
        if (host < 1 || host > 254) {
            throw new IllegalArgumentException("host: " + host + " (expected: 1-254)");
        }
        return format(base + (block << 8) + host);
    }

    public InetAddress inetAddress(int block, int host) {
        try {
            return Inet4Address.getByName(address(block, host));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return format(base) + "/" + prefixLength;
    }

    private static String format(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xff) + "." + (address >>> 8 & 0xff) + "." + (address & 0xff);
    }
}
