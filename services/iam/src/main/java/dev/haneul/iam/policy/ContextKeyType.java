package dev.haneul.iam.policy;

import java.util.Locale;

/**
 * The type of a request-context value, as the simulate APIs name it ({@code ContextKeyType}). A
 * list type marks a multivalued key such as {@code aws:TagKeys}: only the {@code ForAllValues:} and
 * {@code ForAnyValue:} operators compare it, any other operator finds no match (the IAM policy
 * simulator does this; the politest corpus records it).
 */
public enum ContextKeyType {
    STRING("string", Kind.STRING, false),
    STRING_LIST("stringList", Kind.STRING, true),
    NUMERIC("numeric", Kind.NUMERIC, false),
    NUMERIC_LIST("numericList", Kind.NUMERIC, true),
    BOOLEAN("boolean", Kind.BOOLEAN, false),
    BOOLEAN_LIST("booleanList", Kind.BOOLEAN, true),
    IP("ip", Kind.IP, false),
    IP_LIST("ipList", Kind.IP, true),
    BINARY("binary", Kind.BINARY, false),
    BINARY_LIST("binaryList", Kind.BINARY, true),
    DATE("date", Kind.DATE, false),
    DATE_LIST("dateList", Kind.DATE, true);

    /** What a value is, whatever its multiplicity. */
    public enum Kind { STRING, NUMERIC, BOOLEAN, IP, BINARY, DATE }

    private final String wireName;
    private final Kind kind;
    private final boolean list;

    ContextKeyType(String wireName, Kind kind, boolean list) {
        this.wireName = wireName;
        this.kind = kind;
        this.list = list;
    }

    /** The name on the wire: {@code string}, {@code stringList}, {@code ip}… */
    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isList() {
        return list;
    }

    /** The type named {@code wireName} (case-insensitive), as the simulate APIs accept it. */
    public static ContextKeyType fromWireName(String wireName) {
        String wanted = wireName.toLowerCase(Locale.ROOT);
        for (ContextKeyType type : values()) {
            if (type.wireName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("wireName: " + wireName + " (expected: one of string, stringList, "
                + "numeric, numericList, boolean, booleanList, ip, ipList, binary, binaryList, date, dateList)");
    }
}
