package dev.haneul.core.auth;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * SigV4 timestamps. The string to sign always uses ISO-8601 "basic format" in UTC
 * ({@code 20150830T123600Z}); a request may instead carry only an RFC 1123 {@code Date} header
 * ({@code Sun, 30 Aug 2015 12:36:00 GMT}), which is converted.
 */
final class AmzDates {

    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AmzDates() {}

    /** {@code time} in basic format, truncated to the second. */
    static String format(Instant time) {
        return BASIC.format(time);
    }

    /** Parses basic format or RFC 1123; empty when the value is neither. */
    static Optional<Instant> parse(String value) {
        if (isBasicFormat(value)) {
            try {
                return Optional.of(LocalDateTime.of(digits(value, 0, 4), digits(value, 4, 6), digits(value, 6, 8),
                        digits(value, 9, 11), digits(value, 11, 13), digits(value, 13, 15)).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException e) {
                return Optional.empty(); // Well-formed digits, impossible date (month 13): not a date.
            }
        }
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value)));
        } catch (DateTimeException e) {
            return Optional.empty(); // Neither format: the caller reports what it got.
        }
    }

    /** "5 min" or "90 sec", as AWS writes the window in clock-skew messages. */
    static String describe(Duration window) {
        long seconds = window.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " sec";
    }

    private static boolean isBasicFormat(String value) {
        if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            if (i != 8 && (value.charAt(i) < '0' || value.charAt(i) > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String value, int from, int to) {
        return Integer.parseInt(value, from, to, 10);
    }
}
