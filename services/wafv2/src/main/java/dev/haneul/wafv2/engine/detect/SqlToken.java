package dev.haneul.wafv2.engine.detect;

/**
 * One SQL token: its type (a libinjection-style one-character code) and its text.
 *
 * <ul>
 *   <li>{@code s} string, {@code 1} number, {@code n} bareword, {@code v} variable ({@code @x}, {@code @@x})</li>
 *   <li>{@code k} keyword, {@code E} statement ({@code SELECT}, {@code DROP}, ...), {@code U} {@code UNION},
 *       {@code B} {@code ORDER BY}/{@code GROUP BY}/{@code LIMIT}/{@code HAVING}, {@code T} T-SQL ({@code WAITFOR},
 *       {@code DECLARE}, {@code EXEC}), {@code f} function</li>
 *   <li>{@code o} operator, {@code &} logic operator ({@code AND}, {@code OR}, {@code ||}, {@code &&}, {@code XOR})</li>
 *   <li>{@code c} comment, {@code (} {@code )} {@code ,} {@code ;}</li>
 * </ul>
 *
 * @param closed for a string: whether its closing quote was in the input
 */
record SqlToken(char type, String text, boolean closed) {

    SqlToken(char type, String text) {
        this(type, text, true);
    }
}
