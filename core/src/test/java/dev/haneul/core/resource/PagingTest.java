package dev.haneul.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagingTest {

    private static final Paging.Errors ERRORS = new Paging.Errors() {
        @Override
        public AwsServiceException invalidSize(int size, PageLimits limits) {
            return new AwsServiceException(400, "InvalidSize", size + " not in " + limits.min() + "-" + limits.max());
        }

        @Override
        public AwsServiceException invalidMarker(String marker) {
            return new AwsServiceException(400, "InvalidMarker", marker);
        }
    };

    private final List<String> items = IntStream.range(0, 45).mapToObj(i -> "item-" + i).toList();

    @Test
    void offsetMarkersWalkTheWholeListingOnce() {
        Paging paging = new Paging(new PageLimits(20, 100, 100), ERRORS);
        assertThat(walk(m -> paging.byOffset(items, m, 20))).isEqualTo(items);
        Page<String> all = paging.byOffset(items, null, null);
        assertThat(all.items()).hasSize(45);
        assertThat(all.nextMarker()).isNull();
    }

    @Test
    void keyMarkersSurviveADeletionBetweenPages() {
        Paging paging = new Paging(new PageLimits(1, 100, 10), ERRORS);
        Page<String> first = paging.byKey(items, Function.identity(), null, null);
        assertThat(first.items()).hasSize(10);
        assertThat(first.nextMarker()).isEqualTo("item-10");
        List<String> fewer = new ArrayList<>(items);
        fewer.remove("item-3");
        assertThat(paging.byKey(fewer, Function.identity(), first.nextMarker(), null).items().get(0))
                .isEqualTo("item-10");
        assertThat(walk(m -> paging.byKey(items, Function.identity(), m, 7))).isEqualTo(items);
    }

    @Test
    void sizesOutsideTheBoundsAndBadMarkersAreTheServicesErrors() {
        Paging paging = new Paging(new PageLimits(20, 100, 100), ERRORS);
        assertCode(() -> paging.byOffset(items, null, 19), "InvalidSize");
        assertCode(() -> paging.byOffset(items, null, 101), "InvalidSize");
        assertCode(() -> paging.byOffset(items, "x", 20), "InvalidMarker");
        assertCode(() -> paging.byOffset(items, "-1", 20), "InvalidMarker");
        assertCode(() -> paging.byOffset(items, "46", 20), "InvalidMarker");
        assertCode(() -> paging.byKey(items, Function.identity(), "gone", 20), "InvalidMarker");
        assertThat(paging.byOffset(items, "45", 20).items()).isEmpty();
    }

    @Test
    void limitsComeFromTheModelWhereItHasThem() {
        PageLimits fallback = new PageLimits(20, 100, 100);
        assertThat(PageLimits.of(null, fallback)).isEqualTo(fallback);
        assertThat(new PageLimits(1, 400, PageLimits.ALL).allows(400)).isTrue();
        assertThatThrownBy(() -> new PageLimits(5, 1, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> walk(Function<String, Page<String>> page) {
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            Page<String> p = page.apply(marker);
            seen.addAll(p.items());
            marker = p.nextMarker();
        } while (marker != null);
        return seen;
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
