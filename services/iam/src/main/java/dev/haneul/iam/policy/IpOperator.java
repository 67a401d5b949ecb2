package dev.haneul.iam.policy;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code IpAddress} and {@code NotIpAddress}: IPv4 or IPv6 CIDR blocks ({@code 203.0.113.0/24},
 * {@code 2001:DB8:1234:5678::/64}); an address without a prefix is a /32 (/128). Addresses are
 * parsed by hand, never through {@code InetAddress}, which may resolve host names.
 */
public enum IpOperator implements ConditionOperator {
    IP_ADDRESS("IpAddress", false),
    NOT_IP_ADDRESS("NotIpAddress", true);

    private final String operatorName;
    private final boolean negated;

    IpOperator(String operatorName, boolean negated) {
        this.operatorName = operatorName;
        this.negated = negated;
    }

    @Override
    public String operatorName() {
        return operatorName;
    }

    @Override
    public boolean negated() {
        return negated;
    }

    @Override
    public PolicyValues compile(List<String> values, boolean variables) {
        @Nullable Cidr[] blocks = values.stream().map(Cidr::parse).toArray(Cidr[]::new);
        return (requestValue, request) -> {
            byte[] address = parseAddress(requestValue.strip());
            if (address == null) {
                return INVALID;
            }
            for (Cidr block : blocks) {
                if (block != null && block.contains(address)) {
                    return MATCH;
                }
            }
            return NO_MATCH;
        };
    }

    /** A network and its prefix length. */
    record Cidr(byte[] network, int prefix) {
        static @Nullable Cidr parse(String text) {
            String value = text.strip();
            int slash = value.indexOf('/');
            byte[] address = parseAddress(slash < 0 ? value : value.substring(0, slash));
            if (address == null) {
                return null;
            }
            int prefix = address.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                if (prefix < 0 || prefix > address.length * 8) {
                    return null;
                }
            }
            return new Cidr(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    /** The 4 or 16 bytes of an IPv4 or IPv6 literal, or {@code null}. */
    static byte @Nullable [] parseAddress(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    private static byte @Nullable [] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static byte @Nullable [] parseIpv6(String text) {
        int zone = text.indexOf('%');
        String value = zone >= 0 ? text.substring(0, zone) : text;
        int gap = value.indexOf("::");
        if (gap >= 0 && value.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? value.substring(0, gap) : value;
        String tail = gap >= 0 ? value.substring(gap + 2) : "";
        int[] headGroups = groups(head);
        int[] tailGroups = groups(tail);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int total = headGroups.length + tailGroups.length;
        if ((gap < 0 && total != 8) || (gap >= 0 && total > 7)) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < headGroups.length; i++) {
            bytes[2 * i] = (byte) (headGroups[i] >> 8);
            bytes[2 * i + 1] = (byte) headGroups[i];
        }
        int offset = 8 - tailGroups.length;
        for (int i = 0; i < tailGroups.length; i++) {
            bytes[2 * (offset + i)] = (byte) (tailGroups[i] >> 8);
            bytes[2 * (offset + i) + 1] = (byte) tailGroups[i];
        }
        return bytes;
    }

    /** 16-bit groups; a trailing dotted IPv4 counts as two. {@code null} on any syntax error. */
    private static int @Nullable [] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && part.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(part);
                if (v4 == null) {
                    return null;
                }
                out[n++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                out[n++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            try {
                out[n++] = Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
