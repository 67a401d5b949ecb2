package dev.haneul.elbv2.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    @Test
    void daysBelowTenHaveTwoDigitsAsHttpRequires() {
        long epochSecond = Instant.parse("2026-12-03T16:29:46Z").getEpochSecond();
        assertThat(HttpDates.format(epochSecond)).isEqualTo("Thu, 03 Dec 2026 16:29:46 GMT");
    }

    @Test
    void theSameSecondFormatsToTheSameText() {
        long epochSecond = Instant.parse("2026-11-26T09:05:01Z").getEpochSecond();
        assertThat(HttpDates.format(epochSecond)).isEqualTo("Thu, 26 Nov 2026 09:05:01 GMT");
        assertThat(HttpDates.format(epochSecond + 1)).isEqualTo("Thu, 26 Nov 2026 09:05:02 GMT");
        assertThat(HttpDates.format(epochSecond)).isEqualTo("Thu, 26 Nov 2026 09:05:01 GMT");
    }
}
