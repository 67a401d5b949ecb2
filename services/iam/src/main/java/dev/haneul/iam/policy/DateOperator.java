package dev.haneul.iam.policy;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code DateEquals} … {@code DateGreaterThanEquals}. Values are W3C ISO 8601 dates
 * ({@code 2020-01-01}, {@code 2020-01-01T00:00:00Z}, with fractions or an offset) or epoch
 * seconds ({@code aws:EpochTime}); no wildcards, no variables.
 */
public enum DateOperator implements ConditionOperator {
    DATE_EQUALS("DateEquals", Comparison.EQUALS),
    DATE_NOT_EQUALS("DateNotEquals", Comparison.NOT_EQUALS),
    DATE_LESS_THAN("DateLessThan", Comparison.LESS_THAN),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", Comparison.LESS_THAN_EQUALS),
    DATE_GREATER_THAN("DateGreaterThan", Comparison.GREATER_THAN),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", Comparison.GREATER_THAN_EQUALS);

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX");

    private final String operatorName;
    private final Comparison comparison;

    DateOperator(String operatorName, Comparison comparison) {
        this.operatorName = operatorName;
        this.comparison = comparison;
    }

    @Override
    public String operatorName() {
        return operatorName;
    }

    @Override
    public boolean negated() {
        return comparison.negated();
    }

    @Override
    public PolicyValues compile(List<String> values, boolean variables) {
        return comparison.compile(values, DateOperator::parse);
    }

    /** The instant {@code text} names, or {@code null}; a date alone is its midnight UTC. */
    static @Nullable Instant parse(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
        }
        Instant canonical = parseCanonical(value);
        if (canonical != null) {
            return canonical;
        }
        if (value.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-') && value.indexOf('-') <= 0) {
            BigDecimal seconds = NumericOperator.parse(value);
            if (seconds != null) {
                return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
            }
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // not a full date-time with offset; try the shorter W3C forms below
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // no time, or another shape
        }
        try {
            return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // the last form AWS accepts is the compact one of aws:TokenIssueTime's examples
        }
        try {
            return OffsetDateTime.parse(value, BASIC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The common {@code 2025-06-01T12:00:00Z} and {@code 2025-06-01T12:00:00.123Z} forms (what
     * {@code aws:CurrentTime} holds) read by position, without a formatter: a decision parses the
     * request's time for every date condition it meets. {@code null} for any other shape.
     */
    private static @Nullable Instant parseCanonical(String v) {
        int n = v.length();
        if (n < 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':'
                || v.charAt(16) != ':' || v.charAt(n - 1) != 'Z') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (v.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            nanos = digits(v, 20, n - 1);
            for (int i = n - 21; i < 9 && nanos >= 0; i++) {
                nanos *= 10;
            }
        }
        int[] fields = {digits(v, 0, 4), digits(v, 5, 7), digits(v, 8, 10), digits(v, 11, 13), digits(v, 14, 16),
            digits(v, 17, 19), nanos};
        for (int field : fields) {
            if (field < 0) {
                return null;
            }
        }
        try {
            return LocalDateTime.of(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6])
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code v[from, to)}, or -1 when a character is no digit. */
    private static int digits(String v, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
