package dev.haneul.wafv2.engine;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code GeoMatchStatement}: the country of the client (or forwarded) address, from
 * {@link GeoTable}. Evaluating it adds the country and region labels, match or not.
 */
final class GeoMatchStatement implements Statement {

    private final Set<String> countries;
    private final @Nullable ForwardedIpConfig forwarded;

    GeoMatchStatement(Set<String> countries, @Nullable ForwardedIpConfig forwarded) {
        this.countries = Set.copyOf(countries);
        this.forwarded = forwarded;
    }

    @Override
    public boolean matches(Evaluation ev) {
        if (forwarded == null) {
            byte[] client = ev.clientAddress();
            GeoTable.Entry geo = client == null ? GeoTable.UNLISTED : GeoTable.lookup(client);
            ev.labels.add("awswaf:clientip:geo:country:" + geo.country());
            ev.labels.add("awswaf:clientip:geo:region:" + geo.region());
            return countries.contains(geo.country());
        }
        List<byte @Nullable []> addresses = forwarded.addresses(ev.request.request());
        if (addresses.isEmpty()) {
            return false;
        }
        byte[] first = addresses.get(0);
        if (first == null) {
            return forwarded.fallbackMatch();
        }
        GeoTable.Entry geo = GeoTable.lookup(first);
        ev.labels.add("awswaf:forwardedip:geo:country:" + geo.country());
        ev.labels.add("awswaf:forwardedip:geo:region:" + geo.region());
        return countries.contains(geo.country());
    }
}
