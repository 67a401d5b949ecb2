package dev.haneul.elbv2.dataplane;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The request headers ALB adds for its targets.
 *
 * <ul>
 *   <li>{@code X-Forwarded-For}: {@code append} adds the client address (with
 *       {@code :port} when {@code xff_client_port} is on, IPv6 in brackets then) after any the
 *       client sent, separated by {@code ", "}; {@code preserve} leaves it; {@code remove} drops
 *       it. More than 30 addresses in the incoming header is ALB's 463.</li>
 *   <li>{@code X-Forwarded-Proto} and {@code X-Forwarded-Port}: the listener's.</li>
 *   <li>{@code X-Amzn-Trace-Id}: {@code Root=1-<8 hex epoch seconds>-<24 hex>} when absent;
 *       with a {@code Root}, a new {@code Self=1-…;} is put first (an existing {@code Self}
 *       is replaced) and the rest kept.</li>
 * </ul>
 */
final class ForwardedHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString X_AMZN_TRACE_ID = AsciiString.cached("x-amzn-trace-id");
    static final AsciiString HTTP = AsciiString.cached("http");
    static final int MAX_FORWARDED_ADDRESSES = 30;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private ForwardedHeaders() {}

    /** How many addresses an {@code X-Forwarded-For} value lists. */
    static int addressCount(@Nullable String xff) {
        if (xff == null || xff.isBlank()) {
            return 0;
        }
        int count = 1;
        for (int i = 0; i < xff.length(); i++) {
            if (xff.charAt(i) == ',') {
                count++;
            }
        }
        return count;
    }

    static void applyXff(HttpHead head, LoadBalancerSettings.XffMode mode, boolean withPort, String clientIp,
                         int clientPort) {
        applyXff(head, mode, client(clientIp, clientPort, withPort));
    }

    /** {@code client} is the address as {@link #client} writes it; the incoming value is the head's first. */
    static void applyXff(HttpHead head, LoadBalancerSettings.XffMode mode, CharSequence client) {
        switch (mode) {
            case PRESERVE -> { }
            case REMOVE -> head.removeAll(X_FORWARDED_FOR);
            case APPEND -> {
                String existing = head.get(X_FORWARDED_FOR);
                head.set(X_FORWARDED_FOR, existing == null || existing.isBlank() ? client : existing + ", " + client);
            }
        }
    }

    /** The client's entry in {@code X-Forwarded-For}: its address, with {@code :port} (IPv6 in brackets) when asked. */
    static String client(String clientIp, int clientPort, boolean withPort) {
        return withPort ? (clientIp.indexOf(':') >= 0 ? "[" + clientIp + "]" : clientIp) + ":" + clientPort : clientIp;
    }

    /** The {@code X-Amzn-Trace-Id} to send, given the incoming one (or {@code null}). */
    static CharSequence traceId(@Nullable String incoming, long epochSecond) {
        if (incoming == null || incoming.isBlank()) {
            return newRoot(epochSecond);
        }
        String id = newId(epochSecond);
        StringBuilder rest = new StringBuilder();
        boolean hasRoot = false;
        for (String field : incoming.split(";")) {
            String f = field.trim();
            if (f.isEmpty() || f.regionMatches(true, 0, "Self=", 0, 5)) {
                continue;
            }
            hasRoot |= f.regionMatches(true, 0, "Root=", 0, 5);
            rest.append(';').append(f);
        }
        if (!hasRoot) {
            return "Root=" + id + rest;
        }
        return "Self=" + id + rest;
    }

    /** {@code 1-<8 hex seconds>-<24 hex random>}. */
    static String newId(long epochSecond) {
        byte[] out = new byte[35];
        id(epochSecond, out, 0);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@code Root=} and a new id, built in one go as ASCII bytes (every request without a trace id
     * needs one, and a head writes an {@code AsciiString} as its bytes).
     */
    private static AsciiString newRoot(long epochSecond) {
        byte[] out = new byte[40];
        out[0] = 'R';
        out[1] = 'o';
        out[2] = 'o';
        out[3] = 't';
        out[4] = '=';
        id(epochSecond, out, 5);
        return new AsciiString(out, false);
    }

    private static void id(long epochSecond, byte[] out, int at) {
        out[at] = '1';
        out[at + 1] = '-';
        hex(epochSecond, 8, out, at + 2);
        out[at + 10] = '-';
        ThreadLocalRandom random = ThreadLocalRandom.current();
        hex(random.nextLong(), 16, out, at + 11);
        hex(random.nextLong(), 8, out, at + 27);
    }

    private static void hex(long value, int digits, byte[] out, int offset) {
        for (int i = digits - 1; i >= 0; i--) {
            out[offset + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    /** The {@code Host} value to forward: with the listener port appended when it has none and the port is not 80. */
    static void adjustHost(HttpHead head, int listenerPort) {
        if (listenerPort == 80) {
            return;
        }
        CharSequence added = head.added(HttpHeaderNames.HOST);
        String host = added != null ? added.toString() : head.get(HttpHeaderNames.HOST);
        if (host == null || host.isEmpty()) {
            return;
        }
        boolean hasPort = host.startsWith("[") ? host.indexOf("]:") > 0 : host.indexOf(':') >= 0;
        if (!hasPort) {
            head.set(HttpHeaderNames.HOST, host + ":" + listenerPort);
        }
    }
}
