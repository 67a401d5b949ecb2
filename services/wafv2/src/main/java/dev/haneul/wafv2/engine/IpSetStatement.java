package dev.haneul.wafv2.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code IPSetReferenceStatement}: the client (or forwarded) address in an IP set. */
final class IpSetStatement implements Statement {

    private final IpSetMatcher set;
    private final @Nullable ForwardedIpConfig forwarded;

    IpSetStatement(IpSetMatcher set, @Nullable ForwardedIpConfig forwarded) {
        this.set = set;
        this.forwarded = forwarded;
    }

    @Override
    public boolean matches(Evaluation ev) {
        if (forwarded == null) {
            byte[] client = ev.clientAddress();
            return client != null && set.contains(client);
        }
        List<byte @Nullable []> addresses = forwarded.addresses(ev.request.request());
        for (byte[] a : addresses) {
            if (a == null) {
                if (forwarded.fallbackMatch()) {
                    return true;
                }
            } else if (set.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
