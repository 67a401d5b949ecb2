package dev.haneul.elbv2.dataplane;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTTP dates ({@code Tue, 03 Dec 2026 12:00:00 GMT}) for {@code Date} headers and cookie
 * {@code Expires}, formatted at most once per second per thread: every response needs one, and
 * formatting a date costs more than the rest of the header work.
 */
final class HttpDates {

    /**
     * IMF-fixdate (RFC 9110 §5.6.7): a two-digit day, always. Java's {@code RFC_1123_DATE_TIME}
     * writes "3 Dec", which RFC 1123 allows and HTTP does not.
     */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final ThreadLocal<Cache> CACHE = ThreadLocal.withInitial(Cache::new);

    private HttpDates() {}

    /** The HTTP date of {@code epochSecond}. */
    static String format(long epochSecond) {
        Cache cache = CACHE.get();
        int slot = (int) (epochSecond & 3);
        if (cache.seconds[slot] != epochSecond || cache.texts[slot] == null) {
            cache.seconds[slot] = epochSecond;
            cache.texts[slot] = IMF_FIXDATE.format(Instant.ofEpochSecond(epochSecond));
        }
        return cache.texts[slot];
    }

    /** Four recent seconds: "now" and "now + 7 days" each hit their own slot most of the time. */
    private static final class Cache {
        final long[] seconds = {-1, -1, -1, -1};
        final String[] texts = new String[4];
    }
}
