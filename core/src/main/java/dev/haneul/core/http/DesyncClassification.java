package dev.haneul.core.http;

/**
 * How a request head is judged against HTTP desync (request smuggling), in the tiers of AWS's
 * http_desync_guardian, which ALB's {@code routing.http.desync_mitigation_mode} acts on: in the
 * default {@code defensive} mode compliant and acceptable requests are routed, ambiguous ones are
 * routed but both the client and the target connection are closed after the response, and severe
 * ones are refused with 400 and the connection closed ({@link HttpHeadException}); {@code
 * strictest} refuses all but compliant ones; {@code monitor} routes everything it can frame.
 *
 * <p>Severe cases never reach a head: the parser throws. A head is marked with the worst tier it
 * met, and {@link HttpHead#classificationReason()} names the first reason of that tier.
 */
public enum DesyncClassification {
    /** Complies with RFC 9112. */
    COMPLIANT,
    /** Does not comply, but no server reads it differently (bare LF line ends, a space in the target, ...). */
    ACCEPTABLE,
    /** Servers may read it differently (both Content-Length and Transfer-Encoding, obs-fold, ...). */
    AMBIGUOUS,
    /** Malformed or crafted: no safe framing exists (refused). */
    SEVERE;

    DesyncClassification worst(DesyncClassification other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
