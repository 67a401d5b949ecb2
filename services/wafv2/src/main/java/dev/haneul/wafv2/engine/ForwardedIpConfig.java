package dev.haneul.wafv2.engine;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code ForwardedIPConfig} / {@code IPSetForwardedIPConfig}: take the address from a header
 * (X-Forwarded-For style) instead of the TCP peer. A missing header means the statement does not
 * apply (no match, no fallback); an invalid address applies the fallback.
 *
 * @param position FIRST, LAST or ANY (IP sets only; others use FIRST)
 */
record ForwardedIpConfig(String headerName, boolean fallbackMatch, String position) {

    /** ANY inspects at most the last ten addresses of the header. */
    static final int MAX_ANY = 10;

    /** The addresses to inspect: empty when the header is absent, a single null entry when invalid. */
    List<byte @Nullable []> addresses(WafRequest request) {
        String value = request.header(headerName);
        List<byte @Nullable []> out = new ArrayList<>(1);
        if (value == null) {
            return out;
        }
        String[] parts = value.split(",");
        switch (position) {
            case "LAST" -> out.add(IpAddresses.parse(parts[parts.length - 1]));
            case "ANY" -> {
                for (int i = Math.max(0, parts.length - MAX_ANY); i < parts.length; i++) {
                    out.add(IpAddresses.parse(parts[i]));
                }
            }
            default -> out.add(IpAddresses.parse(parts[0]));
        }
        return out;
    }
}
