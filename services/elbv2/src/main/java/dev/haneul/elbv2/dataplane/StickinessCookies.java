package dev.haneul.elbv2.dataplane;

import dev.haneul.core.http.HttpHead;
import dev.haneul.core.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Names and {@code Set-Cookie} lines of ALB's stickiness cookies, and reading them back from a
 * request's {@code Cookie} headers.
 *
 * <p>{@code AWSALB}/{@code AWSALBCORS} and {@code AWSALBTG}/{@code AWSALBTGCORS} carry
 * {@code Expires} seven days ahead whatever the stickiness duration (the duration is sealed inside
 * the value); the {@code CORS} twins add {@code SameSite=None; Secure}. The application-cookie
 * value is split across {@code AWSALBAPP-0} … {@code AWSALBAPP-3} by ALB; Haneul's value always
 * fits the first, and the others are sent as {@code _remove_}.
 */
final class StickinessCookies {

    static final String AWSALB = "AWSALB";
    static final String AWSALBCORS = "AWSALBCORS";
    static final String AWSALBTG = "AWSALBTG";
    static final String AWSALBTGCORS = "AWSALBTGCORS";
    static final String AWSALBAPP = "AWSALBAPP-0";
    static final long COOKIE_LIFETIME_SECONDS = 7 * 24 * 3600;
    /** As ALB spells it in responses. */
    private static final AsciiString SET_COOKIE = AsciiString.cached("Set-Cookie");
    private static final List<String> APP_SHARDS = List.of("AWSALBAPP-1", "AWSALBAPP-2", "AWSALBAPP-3");

    private StickinessCookies() {}

    /** The value of cookie {@code name} in the request, or {@code null}. */
    static @Nullable String find(HttpHead head, String name) {
        String found = null;
        for (int c = head.indexOf(HttpHeaderNames.COOKIE, 0); c >= 0; c = head.indexOf(HttpHeaderNames.COOKIE, c + 1)) {
            String value = find(head.value(c), name);
            if (value != null) {
                found = value;
            }
        }
        return found;
    }

    /** The value of cookie {@code name} in one {@code Cookie} header value, or {@code null}. */
    static @Nullable String find(String header, String name) {
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ';')) {
                i++;
            }
            int eq = header.indexOf('=', i);
            int end = header.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            if (eq > 0 && eq < end && eq - i == name.length() && header.regionMatches(i, name, 0, name.length())) {
                return header.substring(eq + 1, end).trim();
            }
            i = end + 1;
        }
        return null;
    }

    /**
     * Adds a cookie and its CORS twin, expiring seven days after {@code nowSecond}. A busy listener
     * sends the same value to a target's clients for a whole second, so each I/O thread keeps the
     * last lines it built per value and reuses them within that second (as {@code AsciiString}s,
     * which the encoder copies as bytes instead of character by character).
     */
    static void addPair(HttpHead head, String name, String corsName, String value, long nowSecond) {
        PairCache cache = PAIRS.get();
        int slot = value.hashCode() & (PAIR_SLOTS - 1);
        CharSequence[] lines = cache.lines[slot];
        if (lines == null || cache.seconds[slot] != nowSecond || !lines[0].equals(value) || !lines[1].equals(name)) {
            String expires = HttpDates.format(nowSecond + COOKIE_LIFETIME_SECONDS);
            lines = new CharSequence[] {value, name,
                new AsciiString(name + "=" + value + "; Expires=" + expires + "; Path=/"),
                new AsciiString(corsName + "=" + value + "; Expires=" + expires + "; Path=/; SameSite=None; Secure")};
            cache.lines[slot] = lines;
            cache.seconds[slot] = nowSecond;
        }
        head.add(SET_COOKIE, lines[2]);
        head.add(SET_COOKIE, lines[3]);
    }

    private static final int PAIR_SLOTS = 32;
    private static final ThreadLocal<PairCache> PAIRS = ThreadLocal.withInitial(PairCache::new);

    /** Per thread: slot → {value, name, cookie line, CORS line} and the second they were built in. */
    private static final class PairCache {
        final CharSequence[][] lines = new CharSequence[PAIR_SLOTS][];
        final long[] seconds = new long[PAIR_SLOTS];
    }

    /** Adds the application-cookie stickiness cookies. */
    static void addApp(HttpHead head, String value, long nowSecond) {
        String expires = HttpDates.format(nowSecond + COOKIE_LIFETIME_SECONDS);
        head.add(SET_COOKIE, AWSALBAPP + "=" + value + "; Expires=" + expires + "; Path=/");
        for (String shard : APP_SHARDS) {
            head.add(SET_COOKIE, shard + "=_remove_; Expires=" + expires + "; Path=/");
        }
    }

    /** Whether a response sets the application's cookie {@code name}. */
    static boolean setsCookie(HttpHead head, String name) {
        for (String line : head.getAll(HttpHeaderNames.SET_COOKIE)) {
            String trimmed = line.stripLeading();
            if (trimmed.length() > name.length() && trimmed.startsWith(name) && trimmed.charAt(name.length()) == '=') {
                return true;
            }
        }
        return false;
    }
}
