package dev.haneul.core.protocol;

import java.util.List;
import java.util.Map;

/**
 * Checks a decoded value tree against the model's constraints that every AWS service enforces
 * before its own logic runs: required members (at every depth) and enum values. Range and
 * pattern checks are the provider's business, because services phrase them differently.
 */
public final class InputValidator {

    private InputValidator() {}

    /**
     * @throws ProtocolException {@code MISSING_REQUIRED} for the first absent required member,
     *     {@code INVALID_VALUE} for the first string outside its enum
     */
    public static void validate(Shape shape, Map<String, Object> value) {
        structure(shape, value, "");
    }

    private static void structure(Shape shape, Map<String, Object> value, String path) {
        for (Member member : shape.members().values()) {
            String memberPath = path.isEmpty() ? member.wireName() : path + "." + member.wireName();
            Object v = value.get(member.name());
            if (v == null) {
                if (shape.required().contains(member.name())) {
                    throw new ProtocolException(ProtocolException.Kind.MISSING_REQUIRED, memberPath,
                            "The request must contain the parameter " + memberPath + ".");
                }
                continue;
            }
            value(member, v, memberPath);
        }
    }

    @SuppressWarnings("unchecked")
    private static void value(Member member, Object v, String path) {
        Shape shape = member.shape();
        if (shape.isDocument()) {
            return;
        }
        switch (shape.type()) {
            case STRUCTURE -> structure(shape, (Map<String, Object>) v, path);
            case LIST -> {
                int i = 1;
                for (Object item : (List<Object>) v) {
                    if (item != null) {
                        value(shape.listMember(), item, path + "." + i);
                    }
                    i++;
                }
            }
            case MAP -> ((Map<String, Object>) v).forEach((k, item) -> {
                if (item != null) {
                    value(shape.mapValue(), item, path + "." + k);
                }
            });
            case STRING -> {
                if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(v)) {
                    throw new ProtocolException(ProtocolException.Kind.INVALID_VALUE, path,
                            "Value '" + v + "' at '" + path + "' failed to satisfy constraint: Member must satisfy enum value set: "
                                    + shape.enumValues());
                }
            }
            default -> {
                // other scalars carry no model constraint checked here
            }
        }
    }
}
