package dev.haneul.elasticache.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.ServiceModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Markers walk a listing page by page, whatever its size; a bad marker is an InvalidParameterValue. */
class PagingTest {

    private final Paging paging = new Paging(new Validation(new ServiceErrors(ServiceModel.fromResource(
            ElastiCacheProvider.class, "/dev/haneul/elasticache/service-2.json"))));
    private final List<String> ids = IntStream.range(0, 45).mapToObj(i -> "rg-" + i).toList();

    @Test
    void byIdWalksEveryItemOnce() {
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            Paging.Page<String> page = paging.byId(ids, Function.identity(), marker, 20);
            seen.addAll(page.items());
            marker = page.marker();
            pages++;
        } while (marker != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(paging.byId(ids.subList(0, 20), Function.identity(), null, 20).marker()).isNull();
    }

    @Test
    void byPositionWalksEveryItemOnce() {
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            Paging.Page<String> page = paging.byPosition(ids, marker, 20);
            seen.addAll(page.items());
            marker = page.marker();
        } while (marker != null);
        assertThat(seen).isEqualTo(ids);
    }

    @Test
    void unknownMarkersAreInvalid() {
        for (String marker : List.of("nope", "-1", "46")) {
            assertThatThrownBy(() -> {
                paging.byId(ids, Function.identity(), marker, 20);
                paging.byPosition(ids, marker, 20);
            }).isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.code()).isEqualTo("InvalidParameterValue"));
        }
    }
}
