package dev.haneul.iam.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code DateEquals} … {@code DateGreaterThanEquals}. Values are W3C ISO 8601 dates
 * ({@code 2020-01-01}, {@code 2020-01-01T00:00:00Z}, with fractions or an offset) or epoch
 * seconds ({@code aws:EpochTime}); no wildcards, no variables.
 */
public enum DateOperator implements ConditionOperator {
    DATE_EQUALS("DateEquals", false),
    DATE_NOT_EQUALS("DateNotEquals", true),
    DATE_LESS_THAN("DateLessThan", false),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false),
    DATE_GREATER_THAN("DateGreaterThan", false),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false);

    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX");

    private final String operatorName;
    private final boolean negated;

    DateOperator(String operatorName, boolean negated) {
        this.operatorName = operatorName;
        this.negated = negated;
    }

    @Override
    public String operatorName() {
        return operatorName;
    }

    @Override
    public boolean negated() {
        return negated;
    }

    @Override
    public PolicyValues compile(List<String> values, boolean variables) {
        Instant[] instants = values.stream().map(DateOperator::parse).toArray(Instant[]::new);
        return (requestValue, request) -> {
            Instant actual = parse(requestValue);
            if (actual == null) {
                return INVALID;
            }
            for (Instant expected : instants) {
                if (expected != null && holds(actual.compareTo(expected))) {
                    return MATCH;
                }
            }
            return NO_MATCH;
        };
    }

    private boolean holds(int comparison) {
        return switch (this) {
            case DATE_EQUALS, DATE_NOT_EQUALS -> comparison == 0;
            case DATE_LESS_THAN -> comparison < 0;
            case DATE_LESS_THAN_EQUALS -> comparison <= 0;
            case DATE_GREATER_THAN -> comparison > 0;
            case DATE_GREATER_THAN_EQUALS -> comparison >= 0;
        };
    }

    /** The instant {@code text} names, or {@code null}; a date alone is its midnight UTC. */
    static Instant parse(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return null;
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
}
