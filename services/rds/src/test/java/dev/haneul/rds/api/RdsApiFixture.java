package dev.haneul.rds.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.core.testing.MutableClock;
import dev.haneul.rds.model.RdsState;
import java.nio.file.Path;
import java.time.Instant;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.rds.model.CreateDbClusterRequest;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceRequest;

/** The API's services over a fresh state and {@link FakeEngines}: no engines, no sockets. */
final class RdsApiFixture {

    static final Scope SCOPE = new Scope("000000000000", "us-east-1");
    static final RequestContext CONTEXT = new RequestContext("req-1", SCOPE.accountId(), SCOPE.region(), "test",
            "rds", "Test", Instant.parse("2026-12-01T12:00:00Z"));

    final MutableClock clock = MutableClock.at(Instant.parse("2026-12-01T12:00:00Z"));
    final RdsStore store;
    final FakeEngines engines;
    final ClusterService clusters;
    final InstanceService instances;
    final ClusterEndpointService endpoints;
    final EventService events;
    final TagService tags;

    RdsApiFixture(Path stateDir) {
        this.store = new RdsStore(ScopedStore.open(stateDir, "rds", RdsState.class, RdsState::new));
        this.engines = new FakeEngines(store);
        this.clusters = new ClusterService(store, engines, clock);
        this.instances = new InstanceService(store, engines, clock);
        this.endpoints = new ClusterEndpointService(store, engines);
        this.events = new EventService(store, clock);
        this.tags = new TagService(store);
    }

    static CreateDbClusterRequest.Builder cluster(String id) {
        return CreateDbClusterRequest.builder().dbClusterIdentifier(id).engine("aurora-mysql")
                .masterUsername("admin").masterUserPassword("secret99");
    }

    static CreateDbInstanceRequest.Builder instance(String id, String clusterId) {
        return CreateDbInstanceRequest.builder().dbInstanceIdentifier(id).dbClusterIdentifier(clusterId)
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large");
    }

    /** A cluster with the DB instances {@code instanceIds}, all available; the first is the writer. */
    void clusterWith(String id, String... instanceIds) {
        clusters.createDBCluster(CONTEXT, cluster(id).build());
        for (String instanceId : instanceIds) {
            instances.createDBInstance(CONTEXT, instance(instanceId, id).build());
        }
    }

    /** The AWS error code {@code call} fails with. */
    static AbstractStringAssert<?> errorCode(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(AwsServiceException.class)
                .extracting(e -> ((AwsServiceException) e).code()).asString();
    }

    /** The AWS error message {@code call} fails with. */
    static AbstractStringAssert<?> errorMessage(ThrowingCallable call) {
        return assertThatThrownBy(call).isInstanceOf(AwsServiceException.class)
                .extracting(Throwable::getMessage).asString();
    }
}
