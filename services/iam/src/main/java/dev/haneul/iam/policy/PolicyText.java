package dev.haneul.iam.policy;

/**
 * The two checks AWS makes on a policy's text before its grammar, left to the API that knows the
 * limit: its length as IAM counts it (whitespace excluded; 6,144 for a managed policy, 2,048 for a
 * user's inline policies, 10,240 for a role's, 5,120 for a group's) and its character set (tab,
 * line feed, carriage return, and {@code U+0020}–{@code U+00FF}).
 */
public final class PolicyText {

    private PolicyText() {
    }

    /** The number of characters that are not whitespace. */
    public static int length(String document) {
        int count = 0;
        for (int i = 0; i < document.length(); i++) {
            if (!Character.isWhitespace(document.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    /** Whether every character is one the IAM API's policy-document pattern accepts. */
    public static boolean hasOnlyAllowedCharacters(String document) {
        for (int i = 0; i < document.length(); i++) {
            char c = document.charAt(i);
            if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF))) {
                return false;
            }
        }
        return true;
    }
}
