package dev.haneul.wafv2.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/** IP literals and CIDRs, parsed without any name lookup. */
final class IpAddresses {

    private IpAddresses() {
    }

    /** The 4 or 16 bytes of an IPv4 or IPv6 literal, or null when it is not one (never a DNS lookup). */
    static byte @Nullable [] parse(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            return parseV4(s);
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            // Only hex digits, colons and dots: InetAddress parses it as a literal, it never resolves it.
            byte[] bytes = InetAddress.getByName(s).getAddress();
            return bytes;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte @Nullable [] parseV4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) {
                    return null;
                }
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + c - '0';
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /** An address and prefix length; the address masked to the prefix. */
    record Cidr(byte[] network, int prefix) {
    }

    /** Parses {@code a.b.c.d/n} or {@code x::/n}; null when malformed. */
    static @Nullable Cidr cidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        byte[] address = parse(text.substring(0, slash));
        if (address == null) {
            return null;
        }
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            return null;
        }
        if (prefix < 0 || prefix > address.length * 8) {
            return null;
        }
        return new Cidr(mask(address, prefix), prefix);
    }

    static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return out;
    }
}
