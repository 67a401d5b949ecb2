package dev.haneul.elasticache.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.net.AddressAllocator;
import dev.haneul.core.net.AddressRange;
import dev.haneul.core.net.EndpointMode;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.core.testing.MutableClock;
import dev.haneul.elasticache.model.ElastiCacheState;
import dev.haneul.elasticache.model.ReplicationGroupRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.Tag;

/** A provider on a state directory and a {@link FakeCacheRuntime}: the API's rules without engines. */
final class ProviderFixture {

    static final RequestContext CONTEXT = new RequestContext("req-1", "000000000000", "us-east-1", "AKIDTEST",
            "elasticache", "Test", Instant.parse("2026-01-01T00:00:00Z"));
    static final Scope SCOPE = new Scope("000000000000", "us-east-1");

    final Path dir;
    final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    final ElastiCacheProvider provider;
    final FakeCacheRuntime runtime;
    private final FakeCacheRuntime[] made = new FakeCacheRuntime[1];

    ProviderFixture(Path dir) {
        this.dir = dir;
        this.provider = open();
        this.runtime = made[0];
    }

    /** Another provider on the same state (a Haneul restart), with a runtime of its own. */
    ElastiCacheProvider open() {
        AddressAllocator addresses = new AddressAllocator(AddressRange.parse("127.10.0.0/16"), EndpointMode.ADDRESSES,
                dir.resolve("endpoints.json"));
        ScopedStore<ElastiCacheState> store = ScopedStore.open(dir.resolve("state"), "elasticache",
                ElastiCacheState.class, ElastiCacheState::empty);
        return new ElastiCacheProvider(store, clock, addresses, () -> "7.0.15", observer -> {
            made[0] = new FakeCacheRuntime(observer);
            return made[0];
        });
    }

    FakeCacheRuntime lastRuntime() {
        return made[0];
    }

    ReplicationGroupRecord group(String id) {
        return provider.store.group(SCOPE, id);
    }

    /** A group of {@code nodes} nodes, with automatic failover when it has replicas. */
    void createGroup(String id, int nodes) {
        provider.groups.create(CONTEXT, CreateReplicationGroupRequest.builder().replicationGroupId(id)
                .replicationGroupDescription("test").numCacheClusters(nodes).automaticFailoverEnabled(nodes > 1).build());
    }

    static List<Tag> tags(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> Tag.builder().key("k" + i).value("v" + i).build()).toList();
    }

    /** Asserts {@code call} fails with the AWS error {@code code} and HTTP {@code status}. */
    static void assertError(ThrowingCallable call, String code, int status) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }
}
