package dev.haneul.wafv2.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request's components as statements inspect them, each computed once, on first use: query
 * arguments, cookies, the body as Latin-1 text, and transformed field contents (managed rules
 * inspect the same field with the same transformations many times). Belongs to one evaluation on
 * one thread.
 */
public final class RequestView {

    /** AWS's limits for header and cookie inspection on ALB: the first 200 items, the first 8 KB. */
    static final int MAX_ITEMS = 200;
    static final int MAX_HEADER_BYTES = 8 * 1024;

    private final WafRequest request;
    private final String body;
    private @Nullable List<String> queryArgs;
    private @Nullable List<String> cookies;
    private int headerBytes = -1;
    private int cookieBytes = -1;
    /** Transformed contents by (field id, transformations id), open addressing: keys 0 = empty. */
    private long[] slotKeys = new long[64];
    private @Nullable Object[] slotValues = new Object[64];
    private int slotCount;
    private static final int PAIR_SLOTS = 4;
    private final @Nullable String[] pairKeys = new String[PAIR_SLOTS];
    private final long[] @Nullable [] pairValues = new long[PAIR_SLOTS][];
    private int pairNext;

    public RequestView(WafRequest request) {
        this.request = request;
        this.body = new String(request.body(), StandardCharsets.ISO_8859_1);
    }

    public WafRequest request() {
        return request;
    }

    public String method() {
        return request.method();
    }

    public String path() {
        return request.path();
    }

    public String query() {
        return request.query();
    }

    /** The inspected body prefix, Latin-1. */
    public String body() {
        return body;
    }

    public boolean bodyTruncated() {
        return request.bodyTruncated();
    }

    /** Query arguments as name, value, ... (raw, not decoded: URL_DECODE is a transformation). */
    public List<String> queryArgs() {
        List<String> args = queryArgs;
        if (args == null) {
            args = new ArrayList<>();
            String q = request.query();
            int start = 0;
            while (start <= q.length() && !q.isEmpty()) {
                int amp = q.indexOf('&', start);
                int end = amp < 0 ? q.length() : amp;
                if (end > start) {
                    int eq = q.indexOf('=', start);
                    if (eq < 0 || eq > end) {
                        args.add(q.substring(start, end));
                        args.add("");
                    } else {
                        args.add(q.substring(start, eq));
                        args.add(q.substring(eq + 1, end));
                    }
                }
                if (amp < 0) {
                    break;
                }
                start = amp + 1;
            }
            queryArgs = args;
        }
        return args;
    }

    /** Cookies as name, value, ... from every Cookie header, in order. */
    public List<String> cookies() {
        List<String> list = cookies;
        if (list == null) {
            list = new ArrayList<>();
            int bytes = 0;
            for (int i = 0; i < request.headerCount(); i++) {
                if (!request.headerName(i).equalsIgnoreCase("cookie")) {
                    continue;
                }
                String value = request.headerValue(i);
                bytes += value.length();
                for (String pair : value.split(";")) {
                    String p = pair.strip();
                    if (p.isEmpty()) {
                        continue;
                    }
                    int eq = p.indexOf('=');
                    list.add(eq < 0 ? p : p.substring(0, eq));
                    list.add(eq < 0 ? "" : p.substring(eq + 1));
                }
            }
            cookieBytes = bytes;
            cookies = list;
        }
        return list;
    }

    /** Whether the cookies exceed what WAF inspects (200 cookies or 8 KB). */
    public boolean cookiesOversize() {
        List<String> list = cookies();
        return list.size() / 2 > MAX_ITEMS || cookieBytes > MAX_HEADER_BYTES;
    }

    /** Whether the headers exceed what WAF inspects (200 headers or 8 KB). */
    public boolean headersOversize() {
        if (headerBytes < 0) {
            int bytes = 0;
            for (int i = 0; i < request.headerCount(); i++) {
                bytes += request.headerName(i).length() + request.headerValue(i).length() + 4;
            }
            headerBytes = bytes;
        }
        return request.headerCount() > MAX_ITEMS || headerBytes > MAX_HEADER_BYTES;
    }

    /**
     * The character pairs of {@code content} ({@link LiteralPrefilter#pairsOf}), made once for all
     * the regex rules that scan it: the managed groups run several large alternations over the same
     * transformed body one after the other. The last few are kept by identity.
     */
    long[] literalPairs(String content) {
        for (int i = 0; i < PAIR_SLOTS; i++) {
            if (pairKeys[i] == content) {
                return Objects.requireNonNull(pairValues[i]);
            }
        }
        long[] pairs = LiteralPrefilter.pairsOf(content);
        pairKeys[pairNext] = content;
        pairValues[pairNext] = pairs;
        pairNext = (pairNext + 1) % PAIR_SLOTS;
        return pairs;
    }

    /** A cached transformed content list, by the field's and the transformations' ids ({@link ContentIds}). */
    @SuppressWarnings("unchecked")
    @Nullable List<String> cached(int fieldId, int transformsId) {
        long key = slotKey(fieldId, transformsId);
        int mask = slotKeys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long k = slotKeys[i];
            if (k == key) {
                return (List<String>) slotValues[i];
            }
            if (k == 0) {
                return null;
            }
        }
    }

    void cache(int fieldId, int transformsId, List<String> values) {
        if ((slotCount + 1) * 2 > slotKeys.length) {
            long[] oldKeys = slotKeys;
            @Nullable Object[] oldValues = slotValues;
            slotKeys = new long[oldKeys.length * 2];
            slotValues = new Object[oldKeys.length * 2];
            slotCount = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
        put(slotKey(fieldId, transformsId), values);
    }

    private void put(long key, @Nullable Object value) {
        int mask = slotKeys.length - 1;
        int i = slot(key, mask);
        while (slotKeys[i] != 0 && slotKeys[i] != key) {
            i = (i + 1) & mask;
        }
        if (slotKeys[i] == 0) {
            slotCount++;
        }
        slotKeys[i] = key;
        slotValues[i] = value;
    }

    private static long slotKey(int fieldId, int transformsId) {
        return ((long) (fieldId + 1) << 32) | (transformsId + 1L);
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
