package dev.haneul.iam.policy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code BinaryEquals}: the request value and the policy's base-64 value compared byte for byte. */
public enum BinaryOperator implements ConditionOperator {
    BINARY_EQUALS;

    @Override
    public String operatorName() {
        return "BinaryEquals";
    }

    @Override
    public boolean negated() {
        return false;
    }

    @Override
    public PolicyValues compile(List<String> values, boolean variables) {
        byte[][] expected = values.stream().map(BinaryOperator::decode).toArray(byte[][]::new);
        return (requestValue, request) -> {
            byte[] actual = decode(requestValue);
            if (actual == null) {
                return INVALID;
            }
            for (byte[] bytes : expected) {
                if (bytes != null && Arrays.equals(bytes, actual)) {
                    return MATCH;
                }
            }
            return NO_MATCH;
        };
    }

    private static byte @Nullable [] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
