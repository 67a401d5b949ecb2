package dev.haneul.core.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The three timestamp formats of AWS models. Parsing is lenient the way AWS services are (an
 * ISO-8601 value may carry an offset or fractional seconds; epoch seconds may be fractional);
 * formatting is exact.
 */
public enum TimestampFormat {
    /** {@code 2015-01-25T08:00:00Z}, with milliseconds only when they are not zero. */
    ISO8601,
    /** Seconds since the epoch, fractional when the instant has a sub-second part. */
    UNIX_TIMESTAMP,
    /** RFC 1123, for example {@code Sun, 25 Jan 2015 08:00:00 GMT}. */
    RFC822;

    static Optional<TimestampFormat> fromModel(String name) {
        return switch (name) {
            case "iso8601" -> Optional.of(ISO8601);
            case "unixTimestamp" -> Optional.of(UNIX_TIMESTAMP);
            case "rfc822" -> Optional.of(RFC822);
            default -> Optional.empty();
        };
    }

    public String format(Instant instant) {
        return switch (this) {
            case ISO8601 -> {
                Instant truncated = instant.truncatedTo(ChronoUnit.MILLIS);
                yield truncated.getNano() == 0
                        ? DateTimeFormatter.ISO_INSTANT.format(truncated.truncatedTo(ChronoUnit.SECONDS))
                        : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC)
                                .format(truncated);
            }
            case UNIX_TIMESTAMP -> {
                if (instant.getNano() == 0) {
                    yield Long.toString(instant.getEpochSecond());
                }
                yield BigDecimal.valueOf(instant.getEpochSecond())
                        .add(BigDecimal.valueOf(instant.getNano() / 1_000_000, 3))
                        .stripTrailingZeros().toPlainString();
            }
            case RFC822 -> DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
        };
    }

    /**
     * Parses {@code text} in this format, falling back to the other two formats (clients are not
     * always consistent); throws {@link IllegalArgumentException} when no format fits.
     */
    public Instant parse(String text) {
        String value = text.trim();
        try {
            return switch (this) {
                case ISO8601 -> parseIso(value);
                case UNIX_TIMESTAMP -> parseEpoch(value);
                case RFC822 -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            for (TimestampFormat other : values()) {
                if (other == this) {
                    continue;
                }
                try {
                    return switch (other) {
                        case ISO8601 -> parseIso(value);
                        case UNIX_TIMESTAMP -> parseEpoch(value);
                        case RFC822 -> ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    };
                } catch (DateTimeParseException | NumberFormatException ignored) {
                    // try the next format
                }
            }
            throw new IllegalArgumentException("not a timestamp: " + text);
        }
    }

    private static Instant parseIso(String value) {
        if (value.endsWith("Z") || value.endsWith("z")) {
            return Instant.parse(value.substring(0, value.length() - 1) + "Z");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            // A date-time without zone is read as UTC, as AWS services do.
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }

    private static Instant parseEpoch(String value) {
        BigDecimal seconds = new BigDecimal(value);
        long whole = seconds.longValue();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }
}
