package dev.haneul.core.protocol;

import static java.util.Objects.requireNonNull;

/**
 * A request that does not fit its operation's input shape: a value of the wrong type, a missing
 * required member, a value outside its enum or bounds. Carries the path of the offending member
 * so the gateway can phrase the service's own validation error.
 */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What kind of problem, so each service can map it to its own error code. */
    public enum Kind { MISSING_REQUIRED, INVALID_VALUE, MALFORMED }

    private final Kind kind;
    private final String path;

    public ProtocolException(Kind kind, String path, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.path = path;
    }

    /** Never null: every constructor sets a message. */
    @Override
    public String getMessage() {
        return requireNonNull(super.getMessage());
    }

    public Kind kind() {
        return kind;
    }

    /** The member path, for example {@code Filters.member.1.Name}, or the empty string. */
    public String path() {
        return path;
    }
}
