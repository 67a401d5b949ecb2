package dev.haneul.rds.api;

import static dev.haneul.rds.api.RdsApiFixture.CONTEXT;
import static dev.haneul.rds.api.RdsApiFixture.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.rds.engine.ClusterChange;
import dev.haneul.rds.model.EndpointStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.model.CreateDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterEndpointResponse;
import software.amazon.awssdk.services.rds.model.DBClusterEndpoint;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterEndpointResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterEndpointsRequest;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterEndpointResponse;

/** The custom endpoint operations' validation and state rules, in memory (no engines). */
class RdsEndpointRulesTest {

    @TempDir
    Path tmp;

    private RdsApiFixture rds;

    @BeforeEach
    void setUp() {
        rds = new RdsApiFixture(tmp);
        rds.clusterWith("c1", "db-1", "db-2", "db-3");
        rds.clusterWith("c2", "db-9");
    }

    @Test
    void typesAreCaseInsensitiveOnInputAndUpperCaseInOutputButNeverWriter() {
        CreateDbClusterEndpointResponse created = create(endpoint("Readers").endpointType("reader")
                .staticMembers("DB-2", "db-3", "db-2"));
        assertThat(created.dbClusterEndpointIdentifier()).isEqualTo("readers");
        assertThat(created.customEndpointType()).isEqualTo("READER");
        assertThat(created.staticMembers()).containsExactly("db-2", "db-3");
        assertThat(created.status()).isEqualTo("creating");
        assertThat(rds.engines.changes).last().isEqualTo(new ClusterChange.EndpointCreated("readers"));
        errorCode(() -> create(endpoint("w").endpointType("WRITER"))).isEqualTo("InvalidParameterValue");
        errorCode(() -> create(endpoint("w").endpointType("bogus"))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void membersMustBeInstancesOfTheClusterInOneListOnly() {
        errorCode(() -> create(endpoint("e").staticMembers("db-1").excludedMembers("db-2")))
                .isEqualTo("InvalidParameterCombination");
        errorCode(() -> create(endpoint("e").staticMembers("db-9"))).isEqualTo("InvalidParameterValue");
        errorCode(() -> create(endpoint("e").staticMembers("nope"))).isEqualTo("DBInstanceNotFound");
        errorCode(() -> create(endpoint("e").dbClusterIdentifier("nope"))).isEqualTo("DBClusterNotFoundFault");
    }

    @Test
    void aSecondEndpointOfTheSameNameAndTheSixthOfAClusterAreRefused() {
        create(endpoint("e0"));
        errorCode(() -> create(endpoint("e0"))).isEqualTo("DBClusterEndpointAlreadyExistsFault");
        for (int i = 1; i < ClusterEndpointService.MAX_CUSTOM_ENDPOINTS; i++) {
            create(endpoint("e" + i));
        }
        errorCode(() -> create(endpoint("e-more"))).isEqualTo("DBClusterEndpointQuotaExceededFault");
    }

    @Test
    void aStaticListReplacesAnExclusionListAndAnEmptyListMeansEveryInstance() {
        create(endpoint("e").excludedMembers("db-1"));
        ModifyDbClusterEndpointResponse modified = modify(ModifyDbClusterEndpointRequest.builder()
                .dbClusterEndpointIdentifier("e").staticMembers("db-2"));
        assertThat(modified.staticMembers()).containsExactly("db-2");
        assertThat(modified.excludedMembers()).isEmpty();
        assertThat(modified.status()).isEqualTo("modifying");
        modified = modify(ModifyDbClusterEndpointRequest.builder().dbClusterEndpointIdentifier("e")
                .staticMembers(List.of()));
        assertThat(modified.staticMembers()).isEmpty();
        assertThat(modified.excludedMembers()).isEmpty();
        errorCode(() -> modify(ModifyDbClusterEndpointRequest.builder().dbClusterEndpointIdentifier("nope")
                .staticMembers("db-2"))).isEqualTo("DBClusterEndpointNotFoundFault");
    }

    @Test
    void onlyASettledEndpointIsModifiedOrDeleted() {
        rds.engines.settle = false;
        create(endpoint("e"));
        errorCode(() -> modify(ModifyDbClusterEndpointRequest.builder().dbClusterEndpointIdentifier("e")
                .endpointType("ANY"))).isEqualTo("InvalidDBClusterEndpointStateFault");
        errorCode(() -> delete("e")).isEqualTo("InvalidDBClusterEndpointStateFault");
        rds.store.write(RdsApiFixture.SCOPE, state -> {
            state.put(state.endpoint("e").orElseThrow().withStatus(EndpointStatus.AVAILABLE));
            return null;
        });
        assertThat(delete("e").status()).isEqualTo("deleting");
        errorCode(() -> delete("e")).isEqualTo("InvalidDBClusterEndpointStateFault");
    }

    @Test
    void describeListsTheBuiltInEndpointsThenTheCustomOnesAndFiltersThem() {
        create(endpoint("e"));
        List<DBClusterEndpoint> all = describe(DescribeDbClusterEndpointsRequest.builder().dbClusterIdentifier("c1"));
        assertThat(all).extracting(DBClusterEndpoint::endpointType).containsExactly("WRITER", "READER", "CUSTOM");
        assertThat(all).extracting(DBClusterEndpoint::status).containsOnly("available");
        assertThat(describe(DescribeDbClusterEndpointsRequest.builder().filters(Filter.builder()
                .name("db-cluster-endpoint-type").values("custom").build())))
                .extracting(DBClusterEndpoint::dbClusterEndpointIdentifier).containsExactly("e");
        assertThat(describe(DescribeDbClusterEndpointsRequest.builder().dbClusterEndpointIdentifier("E")))
                .hasSize(1);
        errorCode(() -> describe(DescribeDbClusterEndpointsRequest.builder().filters(Filter.builder()
                .name("bogus").values("x").build()))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void everyEndpointStatusReadsBackAndACreatingEndpointCannotBeDeleted() {
        for (EndpointStatus status : EndpointStatus.values()) {
            assertThat(EndpointStatus.LIFECYCLE.parse(status.wire())).contains(status);
        }
        assertThat(EndpointStatus.LIFECYCLE.canMove(EndpointStatus.CREATING, EndpointStatus.DELETING)).isFalse();
    }

    private static CreateDbClusterEndpointRequest.Builder endpoint(String id) {
        return CreateDbClusterEndpointRequest.builder().dbClusterEndpointIdentifier(id).dbClusterIdentifier("c1")
                .endpointType("ANY");
    }

    private CreateDbClusterEndpointResponse create(CreateDbClusterEndpointRequest.Builder request) {
        return rds.endpoints.createDBClusterEndpoint(CONTEXT, request.build());
    }

    private ModifyDbClusterEndpointResponse modify(ModifyDbClusterEndpointRequest.Builder request) {
        return rds.endpoints.modifyDBClusterEndpoint(CONTEXT, request.build());
    }

    private DeleteDbClusterEndpointResponse delete(String id) {
        return rds.endpoints.deleteDBClusterEndpoint(CONTEXT, DeleteDbClusterEndpointRequest.builder()
                .dbClusterEndpointIdentifier(id).build());
    }

    private List<DBClusterEndpoint> describe(DescribeDbClusterEndpointsRequest.Builder request) {
        return rds.endpoints.describeDBClusterEndpoints(CONTEXT, request.build()).dbClusterEndpoints();
    }
}
