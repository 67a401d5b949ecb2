package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Matcher.HttpCode} of a health check: comma-separated codes and ranges, such as
 * {@code 200}, {@code 200,202} or {@code 200-299}.
 */
public final class StatusMatcher {

    private final String text;
    private final int[] ranges;

    private StatusMatcher(String text, int[] ranges) {
        this.text = text;
        this.ranges = ranges;
    }

    /**
     * @throws IllegalArgumentException naming the part that is not a code or a range of codes
     */
    public static StatusMatcher parse(String text) {
        requireNonNull(text, "text");
        List<Integer> bounds = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-');
            int low = code(dash < 0 ? p : p.substring(0, dash), text);
            int high = dash < 0 ? low : code(p.substring(dash + 1), text);
            if (high < low) {
                throw new IllegalArgumentException("matcher: " + text + " (expected: ranges low-high)");
            }
            bounds.add(low);
            bounds.add(high);
        }
        return new StatusMatcher(text, bounds.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int code(String s, String text) {
        try {
            int code = Integer.parseInt(s.trim());
            if (code < 100 || code > 599) {
                throw new NumberFormatException();
            }
            return code;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("matcher: " + text + " (expected: HTTP codes such as 200,202 or 200-299)");
        }
    }

    public boolean matches(int status) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (status >= ranges[i] && status <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusMatcher other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
