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
