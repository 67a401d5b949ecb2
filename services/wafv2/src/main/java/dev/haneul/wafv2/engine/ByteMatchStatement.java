package dev.haneul.wafv2.engine;

/** {@code ByteMatchStatement}: the transformed content against a search string at a position. */
final class ByteMatchStatement implements Statement {

    enum Position { EXACTLY, STARTS_WITH, ENDS_WITH, CONTAINS, CONTAINS_WORD }

    private final FieldToMatch field;
    private final Transforms transforms;
    private final String search;
    private final Position position;

    ByteMatchStatement(FieldToMatch field, Transforms transforms, String search, Position position) {
        this.field = field;
        this.transforms = transforms;
        this.search = search;
        this.position = position;
    }

    @Override
    public boolean matches(Evaluation ev) {
        return ev.inspect(field, transforms, this::test);
    }

    boolean test(String value) {
        return switch (position) {
            case EXACTLY -> value.equals(search);
            case STARTS_WITH -> value.startsWith(search);
            case ENDS_WITH -> value.endsWith(search);
            case CONTAINS -> value.contains(search);
            case CONTAINS_WORD -> containsWord(value, search);
        };
    }

    /** The search string bounded on each side by the content's edge or a character outside [A-Za-z0-9_]. */
    static boolean containsWord(String value, String word) {
        if (word.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int at = value.indexOf(word, from);
            if (at < 0) {
                return false;
            }
            int end = at + word.length();
            if ((at == 0 || !isWordChar(value.charAt(at - 1))) && (end == value.length() || !isWordChar(value.charAt(end)))) {
                return true;
            }
            from = at + 1;
        }
    }

    static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }
}
