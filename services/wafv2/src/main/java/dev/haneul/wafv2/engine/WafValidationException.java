package dev.haneul.wafv2.engine;

import static java.util.Objects.requireNonNull;

/**
 * What AWS rejects in a web ACL, rule group or statement: the API maps it to
 * {@code WAFInvalidParameterException} with {@link #field()} and {@link #reason()} (AWS's
 * {@code Field} and {@code Parameter}/{@code Reason} members, e.g. field {@code RATE_LIMIT},
 * reason "value is less than minimum").
 */
public final class WafValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;
    private final String parameter;

    public WafValidationException(String field, String reason) {
        this(field, "", reason);
    }

    /**
     * @param field AWS's {@code ParameterExceptionField} ({@code STATEMENT}, {@code RATE_LIMIT},
     *     {@code TEXT_TRANSFORMATION}, {@code RULE}, {@code FIELD_TO_MATCH}, ...)
     * @param parameter the offending value as AWS echoes it ({@code Parameter}), may be empty
     * @param reason why, in AWS's words where known
     */
    public WafValidationException(String field, String parameter, String reason) {
        super(field + ": " + reason + (parameter.isEmpty() ? "" : " (" + parameter + ")"));
        this.field = requireNonNull(field, "field");
        this.parameter = requireNonNull(parameter, "parameter");
        this.reason = requireNonNull(reason, "reason");
    }

    /** AWS's {@code ParameterExceptionField}. */
    public String field() {
        return field;
    }

    /** The offending value, may be empty. */
    public String parameter() {
        return parameter;
    }

    public String reason() {
        return reason;
    }
}
