package dev.haneul.wafv2.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A compiled rule action ({@code RuleAction}, or the web ACL's {@code DefaultAction}).
 *
 * @param insertHeaders request fields to insert (name already prefixed {@code x-amzn-waf-}), name, value, ...
 * @param response a Block's custom response; null for the default 403
 * @param immunitySeconds CAPTCHA/Challenge: how long a solved token is good for
 */
record RuleAction(Type type, List<String> insertHeaders, @Nullable CustomResponse response, long immunitySeconds) {

    /** The action types, named as logs name them. */
    enum Type { ALLOW, BLOCK, COUNT, CAPTCHA, CHALLENGE }

    static final RuleAction COUNT = new RuleAction(Type.COUNT, List.of(), null, 0);
    static final RuleAction BLOCK = new RuleAction(Type.BLOCK, List.of(), null, 0);
    static final RuleAction ALLOW = new RuleAction(Type.ALLOW, List.of(), null, 0);

    RuleAction {
        insertHeaders = List.copyOf(insertHeaders);
    }

    /** Whether evaluation stops here (CAPTCHA and Challenge stop only without a valid token). */
    boolean terminating() {
        return type == Type.ALLOW || type == Type.BLOCK;
    }

    /**
     * A Block's custom response.
     *
     * @param headers name, value, ... (names as given; AWS prefixes none of them)
     */
    record CustomResponse(int status, List<String> headers, byte[] body, @Nullable String contentType) {
        CustomResponse {
            headers = List.copyOf(headers);
        }
    }
}
