package dev.haneul.wafv2.engine;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpInterceptor;
import dev.haneul.core.http.InspectedRequest;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns the data plane's {@link InspectedRequest} (head, body prefix as received) into a {@link WafRequest}. */
final class InspectedRequests {

    private InspectedRequests() {
    }

    static WafRequest toWafRequest(InspectedRequest in) {
        HttpHead head = in.head();
        String target = head.target();
        if (!target.startsWith("/")) {
            // absolute-form: inspect the path and query only, as for origin-form
            int scheme = target.indexOf("://");
            if (scheme > 0) {
                int slash = target.indexOf('/', scheme + 3);
                target = slash < 0 ? "/" : target.substring(slash);
            }
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        List<String> headers = new ArrayList<>(head.fieldCount() * 2);
        for (int i = 0; i < head.fieldCount(); i++) {
            if (!head.isRemoved(i)) {
                headers.add(head.name(i));
                headers.add(head.value(i));
            }
        }
        ByteBuf prefix = in.bodyPrefix();
        byte[] raw = new byte[prefix.readableBytes()];
        prefix.getBytes(prefix.readerIndex(), raw);
        boolean truncated = in.bodyTruncated();
        byte[] body = raw;
        if (head.chunked() && raw.length > 0) {
            Dechunked d = dechunk(raw);
            body = d.body();
            truncated = truncated || !d.complete();
        }
        if (body.length > HttpInterceptor.BODY_PREFIX_LIMIT) {
            body = Arrays.copyOf(body, HttpInterceptor.BODY_PREFIX_LIMIT);
            truncated = true;
        }
        InetAddress address = in.client().getAddress();
        String clientIp = address != null ? address.getHostAddress() : in.client().getHostString();
        int zone = clientIp.indexOf('%');
        if (zone >= 0) {
            clientIp = clientIp.substring(0, zone);
        }
        return new WafRequest(head.method(), path, query, headers, body, truncated, clientIp,
                head.receivedVersion().toString());
    }

    /** A de-chunked body and whether its last chunk was seen. */
    record Dechunked(byte[] body, boolean complete) {
    }

    /** Removes chunk framing from what arrived of a chunked body (extensions and trailers dropped). */
    static Dechunked dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int i = 0;
        while (i < raw.length) {
            int lineEnd = indexOfCrlf(raw, i);
            if (lineEnd < 0) {
                return new Dechunked(out.toByteArray(), false);
            }
            long size = 0;
            int j = i;
            while (j < lineEnd) {
                int digit = Character.digit(raw[j], 16);
                if (digit < 0) {
                    break;
                }
                size = size * 16 + digit;
                if (size > Integer.MAX_VALUE) {
                    return new Dechunked(out.toByteArray(), false);
                }
                j++;
            }
            if (size == 0) {
                return new Dechunked(out.toByteArray(), true);
            }
            int start = lineEnd + 2;
            int n = (int) Math.min(size, raw.length - start);
            if (n > 0) {
                out.write(raw, start, n);
            }
            if (n < size) {
                return new Dechunked(out.toByteArray(), false);
            }
            i = start + n + 2;
        }
        return new Dechunked(out.toByteArray(), false);
    }

    private static int indexOfCrlf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
