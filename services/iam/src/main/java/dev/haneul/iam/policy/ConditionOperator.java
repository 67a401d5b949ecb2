package dev.haneul.iam.policy;

import java.util.List;

/**
 * A condition operator family member, without its {@code ForAllValues:}/{@code ForAnyValue:}
 * qualifier or {@code IfExists} suffix ({@link ConditionOperators#parse} splits those off).
 *
 * <p>Each operator compiles the policy's values once into {@link PolicyValues}, which then tests
 * one request value at a time. A test answers {@link #MATCH}, {@link #NO_MATCH} or
 * {@link #INVALID}: the request value is not of the operator's type (an IP operator given
 * {@code hello}). The negated operators ({@code StringNotEquals}, {@code NotIpAddress}…) are true
 * on {@code NO_MATCH} only, so a value of the wrong type satisfies neither an operator nor its
 * negation. {@link CompiledCondition} applies the set qualifiers and the missing-key rules.
 */
public sealed interface ConditionOperator
        permits StringOperator, NumericOperator, DateOperator, BoolOperator, BinaryOperator, IpOperator,
        ArnOperator, NullOperator {

    int MATCH = 1;
    int NO_MATCH = 0;
    int INVALID = -1;

    /** The operator's name as policies spell it, e.g. {@code StringNotLike}. */
    String operatorName();

    /** {@code true} for the negated operators, whose policy values combine with AND. */
    boolean negated();

    /**
     * Compiles {@code values}; {@code variables} is on for Version 2012-10-17 policies and only
     * string-like operators honour it (the user guide forbids variables in the others).
     */
    PolicyValues compile(List<String> values, boolean variables);

    /** A policy's values for one key, compiled. */
    @FunctionalInterface
    interface PolicyValues {
        /**
         * Whether any policy value matches {@code requestValue}: {@link #MATCH},
         * {@link #NO_MATCH}, or {@link #INVALID} when the request value has the wrong type.
         */
        int test(String requestValue, RequestContext request);
    }
}
