package dev.haneul.core.protocol;

import java.util.Locale;

/** The type of a shape in an AWS service model. */
public enum ShapeType {
    STRUCTURE, LIST, MAP, STRING, INTEGER, LONG, FLOAT, DOUBLE, BOOLEAN, TIMESTAMP, BLOB, BIG_DECIMAL,
    BIG_INTEGER, BYTE, SHORT;

    static ShapeType of(String name) {
        return switch (name) {
            case "bigdecimal" -> BIG_DECIMAL;
            case "biginteger" -> BIG_INTEGER;
            default -> valueOf(name.toUpperCase(Locale.ROOT));
        };
    }

    boolean isScalar() {
        return this != STRUCTURE && this != LIST && this != MAP;
    }
}
