package dev.haneul.testing;

import dev.haneul.core.net.AddressRange;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Address ranges for test servers: a random /16 inside 127.0.0.0/8, away from the ranges Haneul
 * and the system use by default, so tests running side by side (and a developer's own Haneul on
 * 127.10.0.0/16) never share an endpoint address.
 */
final class TestRanges {

    private TestRanges() {}

    static AddressRange random() {
        // 127.20.0.0/16 … 127.249.0.0/16
        int second = 20 + ThreadLocalRandom.current().nextInt(230);
        return AddressRange.parse("127." + second + ".0.0/16");
    }
}
