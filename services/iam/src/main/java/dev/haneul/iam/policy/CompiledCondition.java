package dev.haneul.iam.policy;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One key under one operator, compiled. Holds when the request's values for the key satisfy the
 * operator under its set qualifier:
 * <ul>
 *   <li>key absent: {@code …IfExists} holds; otherwise a plain operator holds only if negated,
 *       {@code ForAllValues:} holds (nothing to contradict it), {@code ForAnyValue:} does not;</li>
 *   <li>a list-typed value (a multivalued key) under a plain operator: no match (the simulator's
 *       rule; multivalued keys need a set operator);</li>
 *   <li>{@code ForAnyValue:} holds if one request value passes, {@code ForAllValues:} if every one
 *       does; an empty set counts as absent;</li>
 *   <li>a request value of the wrong type passes neither the operator nor its negation.</li>
 * </ul>
 */
final class CompiledCondition {

    private final String key;
    private final String keyLowerCase;
    private final ConditionOperator operator;
    private final ConditionOperators.Qualifier qualifier;
    private final boolean ifExists;
    private final List<String> rawValues;
    private final ConditionOperator.PolicyValues values;

    CompiledCondition(PolicyDocument.ConditionEntry entry, boolean variables) {
        ConditionOperators.Parsed parsed = ConditionOperators.parse(entry.operator());
        if (parsed == null) {
            throw new MalformedPolicyDocumentException(PolicyMessages.invalidConditionType(entry.operator()));
        }
        this.key = entry.key();
        this.keyLowerCase = entry.key().toLowerCase(Locale.ROOT);
        this.operator = parsed.operator();
        this.qualifier = parsed.qualifier();
        this.ifExists = parsed.ifExists();
        this.rawValues = entry.values();
        this.values = operator.compile(entry.values(), variables);
    }

    String key() {
        return key;
    }

    List<String> rawValues() {
        return rawValues;
    }

    boolean holds(RequestContext request, Consumer<String> missingKeys) {
        ContextValue value = request.value(keyLowerCase);
        boolean absent = value == null || value.isEmptySet();
        if (operator instanceof NullOperator) {
            return NullOperator.accepts(rawValues, absent);
        }
        if (value == null || absent) {
            if (value == null) {
                missingKeys.accept(key);
            }
            if (ifExists) {
                return true;
            }
            return switch (qualifier) {
                case NONE -> operator.negated();
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
            };
        }
        if (qualifier == ConditionOperators.Qualifier.NONE && value.type().isList()) {
            return false;
        }
        boolean all = qualifier == ConditionOperators.Qualifier.FOR_ALL_VALUES;
        for (String requestValue : value.values()) {
            boolean passes = passes(values.test(requestValue, request));
            if (all && !passes) {
                return false;
            }
            if (!all && passes) {
                return true;
            }
        }
        return all;
    }

    private boolean passes(int test) {
        if (test == ConditionOperator.INVALID) {
            return false;
        }
        return operator.negated() ? test == ConditionOperator.NO_MATCH : test == ConditionOperator.MATCH;
    }
}
