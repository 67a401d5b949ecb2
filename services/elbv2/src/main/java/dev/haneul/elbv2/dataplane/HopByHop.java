package dev.haneul.elbv2.dataplane;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeaderNames;
import io.netty.util.AsciiString;

/**
 * Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, so a proxy drops them — the
 * fixed ones and every header the {@code Connection} header names — and sets its own.
 */
final class HopByHop {

    private HopByHop() {}

    /** Removes hop-by-hop headers; with {@code keepUpgrade}, {@code Upgrade} survives (WebSocket). */
    static void strip(HttpHead head, boolean keepUpgrade) {
        int at = head.indexOf(HttpHeaderNames.CONNECTION, 0);
        if (at >= 0) {
            for (; at >= 0; at = head.indexOf(HttpHeaderNames.CONNECTION, at + 1)) {
                if (head.valueEqualsIgnoreCase(at, HttpHeaderNames.KEEP_ALIVE)
                        || head.valueEqualsIgnoreCase(at, HttpHeaderNames.CLOSE)) {
                    continue;
                }
                for (String token : head.value(at).split(",")) {
                    String name = token.trim();
                    if (!name.isEmpty() && !(keepUpgrade && name.equalsIgnoreCase("upgrade"))
                            && !name.equalsIgnoreCase("close") && !name.equalsIgnoreCase("keep-alive")) {
                        head.removeAll(AsciiString.of(name));
                    }
                }
            }
            head.removeAll(HttpHeaderNames.CONNECTION);
        }
        head.removeAll(HttpHeaderNames.KEEP_ALIVE);
        head.removeAll(HttpHeaderNames.PROXY_CONNECTION);
        head.removeAll(HttpHeaderNames.TE);
        head.removeAll(HttpHeaderNames.TRAILER);
        if (!keepUpgrade) {
            head.removeAll(HttpHeaderNames.UPGRADE);
        }
    }
}
