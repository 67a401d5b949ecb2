package dev.haneul.wafv2.engine;

/**
 * A view of a string for {@link java.util.regex.Matcher} that gives up after a budget of character
 * reads, so a pathological pattern against hostile content cannot stall the event loop
 * (java.util.regex backtracks; AWS's engine does not). Giving up counts as no match.
 */
final class BoundedCharSequence implements CharSequence {

    /** Reads per content character allowed before giving up (plus a floor for short contents). */
    private static final long READS_PER_CHAR = 200;
    private static final long MIN_BUDGET = 100_000;

    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("regex budget exceeded", null, false, false);
        }
    }

    private final String s;
    private long budget;

    BoundedCharSequence(String s) {
        this.s = s;
        this.budget = Math.max(MIN_BUDGET, s.length() * READS_PER_CHAR);
    }

    private BoundedCharSequence(String s, long budget) {
        this.s = s;
        this.budget = budget;
    }

    @Override
    public int length() {
        return s.length();
    }

    @Override
    public char charAt(int index) {
        if (--budget < 0) {
            throw new BudgetExceeded();
        }
        return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedCharSequence(s.substring(start, end), budget);
    }

    @Override
    public String toString() {
        return s;
    }
}
