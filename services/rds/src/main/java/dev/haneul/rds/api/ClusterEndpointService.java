package dev.haneul.rds.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.SdkShapes;
import dev.haneul.core.resource.Page;
import dev.haneul.core.state.Scope;
import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.engine.ClusterChange;
import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.EndpointStatus;
import dev.haneul.rds.model.RdsState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.rds.model.CreateDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.CreateDbClusterEndpointResponse;
import software.amazon.awssdk.services.rds.model.DBClusterEndpoint;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.DeleteDbClusterEndpointResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterEndpointsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterEndpointsResponse;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterEndpointRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbClusterEndpointResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The cluster endpoint operations: custom endpoints (create, modify, delete) and the listing of
 * every cluster's built-in and custom endpoints.
 */
final class ClusterEndpointService {

    /** Custom endpoints per cluster (AWS's default quota). */
    static final int MAX_CUSTOM_ENDPOINTS = 5;

    private final RdsStore store;
    private final ClusterEngines engines;

    ClusterEndpointService(RdsStore store, ClusterEngines engines) {
        this.store = requireNonNull(store, "store");
        this.engines = requireNonNull(engines, "engines");
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBClusterEndpoint.html">CreateDBClusterEndpoint</a>:
     * type READER or ANY (any case), a static list, an exclusion list or neither; at most
     * {@value #MAX_CUSTOM_ENDPOINTS} per cluster.
     */
    CreateDbClusterEndpointResponse createDBClusterEndpoint(RequestContext context,
                                                            CreateDbClusterEndpointRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsValidation.identifier("DBClusterEndpointIdentifier", request.dbClusterEndpointIdentifier());
        String clusterId = RdsValidation.lookup(request.dbClusterIdentifier());
        String type = RdsValidation.customEndpointType(request.endpointType());
        RdsValidation.exclusiveLists(request.staticMembers(), request.excludedMembers());
        List<String> staticMembers = RdsValidation.members(request.staticMembers());
        List<String> excludedMembers = RdsValidation.members(request.excludedMembers());
        CustomEndpoint created = store.write(scope, state -> {
            DbCluster cluster = state.cluster(clusterId).orElseThrow(() -> RdsErrors.clusterNotFound(clusterId));
            RdsErrors.requireClusterStatus(cluster, ClusterStatus.AVAILABLE);
            checkMembers(state, clusterId, staticMembers);
            checkMembers(state, clusterId, excludedMembers);
            if (state.endpoint(id).isPresent()) {
                throw RdsErrors.error("DBClusterEndpointAlreadyExistsFault", "DB cluster endpoint %s already exists.", id);
            }
            if (state.endpointsOf(clusterId).size() >= MAX_CUSTOM_ENDPOINTS) {
                throw RdsErrors.error("DBClusterEndpointQuotaExceededFault",
                        "DB cluster %s already has %d custom endpoints, the maximum allowed.", clusterId,
                        MAX_CUSTOM_ENDPOINTS);
            }
            CustomEndpoint endpoint = new CustomEndpoint(id, clusterId, type, staticMembers, excludedMembers,
                    EndpointStatus.CREATING, Ids.resourceId("cluster-endpoint-"), state.takeSequence(), RdsKit.tags(request.tags()));
            state.put(endpoint);
            return endpoint;
        });
        engines.reserveAddress(scope, clusterId, ClusterEndpoints.custom(id), store.cluster(scope, clusterId).port());
        CreateDbClusterEndpointResponse response = endpointResponse(RdsShapes.of(scope, store, engines).customEndpoint(created),
                CreateDbClusterEndpointResponse.builder());
        engines.control(scope, clusterId).apply(new ClusterChange.EndpointCreated(id));
        return response;
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBClusterEndpoint.html">ModifyDBClusterEndpoint</a>:
     * a list given replaces the endpoint's list (a static list replaces an exclusion list and
     * the other way round). Connections already open stay where they are.
     */
    ModifyDbClusterEndpointResponse modifyDBClusterEndpoint(RequestContext context,
                                                            ModifyDbClusterEndpointRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsValidation.lookup(request.dbClusterEndpointIdentifier());
        String type = request.endpointType() == null ? null : RdsValidation.customEndpointType(request.endpointType());
        RdsValidation.exclusiveLists(request.staticMembers(), request.excludedMembers());
        boolean newStatic = request.hasStaticMembers();
        boolean newExcluded = request.hasExcludedMembers();
        List<String> staticMembers = RdsValidation.members(request.staticMembers());
        List<String> excludedMembers = RdsValidation.members(request.excludedMembers());
        CustomEndpoint modified = store.write(scope, state -> {
            CustomEndpoint endpoint = state.endpoint(id).orElseThrow(() -> RdsErrors.endpointNotFound(id));
            if (!endpoint.status().equals(EndpointStatus.AVAILABLE)) {
                throw RdsErrors.error("InvalidDBClusterEndpointStateFault",
                        "DB cluster endpoint %s is in %s state, not available.", id, endpoint.status().wire());
            }
            checkMembers(state, endpoint.clusterIdentifier(), staticMembers);
            checkMembers(state, endpoint.clusterIdentifier(), excludedMembers);
            List<String> nextStatic = endpoint.staticMembers();
            List<String> nextExcluded = endpoint.excludedMembers();
            if (newStatic && !staticMembers.isEmpty()) {
                nextStatic = staticMembers;
                nextExcluded = List.of();
            } else if (newExcluded && !excludedMembers.isEmpty()) {
                nextStatic = List.of();
                nextExcluded = excludedMembers;
            } else if (newStatic || newExcluded) {
                // An empty list given: no list at all, every eligible instance.
                nextStatic = newStatic ? List.of() : nextStatic;
                nextExcluded = newExcluded ? List.of() : nextExcluded;
            }
            CustomEndpoint changed = endpoint.withMembers(type == null ? endpoint.type() : type, nextStatic,
                    nextExcluded).withStatus(EndpointStatus.MODIFYING);
            state.put(changed);
            return changed;
        });
        ModifyDbClusterEndpointResponse response = endpointResponse(RdsShapes.of(scope, store, engines).customEndpoint(modified),
                ModifyDbClusterEndpointResponse.builder());
        engines.control(scope, modified.clusterIdentifier()).apply(new ClusterChange.EndpointModified(id));
        return response;
    }

    /**
     * <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBClusterEndpoints.html">DescribeDBClusterEndpoints</a>:
     * each cluster's built-in WRITER and READER endpoints, then its custom endpoints.
     */
    DescribeDbClusterEndpointsResponse describeDBClusterEndpoints(RequestContext context,
                                                                  DescribeDbClusterEndpointsRequest request) {
        Scope scope = RdsStore.scope(context);
        RdsShapes shapes = RdsShapes.of(scope, store, engines);
        List<DbCluster> clusters;
        if (request.dbClusterIdentifier() != null) {
            clusters = List.of(store.cluster(scope, RdsStore.clusterIdentifier(scope, request.dbClusterIdentifier())));
        } else {
            clusters = store.read(scope, RdsState::clusters);
        }
        String endpointId = RdsValidation.lookupOptional(request.dbClusterEndpointIdentifier());
        List<DBClusterEndpoint> all = new ArrayList<>();
        for (DbCluster cluster : clusters) {
            if (endpointId == null) {
                all.add(shapes.builtInEndpoint(cluster, "WRITER"));
                all.add(shapes.builtInEndpoint(cluster, "READER"));
            }
            for (CustomEndpoint endpoint : store.endpointsOf(scope, cluster.identifier())) {
                if (endpointId == null || endpointId.equals(endpoint.identifier())) {
                    all.add(shapes.customEndpoint(endpoint));
                }
            }
        }
        Predicate<DBClusterEndpoint> filter = new Filters<DBClusterEndpoint>()
                .field("db-cluster-endpoint-type", e -> List.of(e.endpointType()))
                .field("db-cluster-endpoint-custom-type", e -> e.customEndpointType() == null ? List.of()
                        : List.of(e.customEndpointType()))
                .field("db-cluster-endpoint-id", e -> e.dbClusterEndpointIdentifier() == null ? List.of()
                        : List.of(e.dbClusterEndpointIdentifier()))
                .field("db-cluster-endpoint-status", e -> List.of(e.status()))
                .predicate(request.filters());
        Page<DBClusterEndpoint> page = RdsKit.PAGING.byOffset(all.stream().filter(filter).toList(), request.marker(),
                request.maxRecords());
        return DescribeDbClusterEndpointsResponse.builder()
                .dbClusterEndpoints(page.items())
                .marker(page.nextMarker())
                .build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBClusterEndpoint.html">DeleteDBClusterEndpoint</a>. */
    DeleteDbClusterEndpointResponse deleteDBClusterEndpoint(RequestContext context,
                                                            DeleteDbClusterEndpointRequest request) {
        Scope scope = RdsStore.scope(context);
        String id = RdsValidation.lookup(request.dbClusterEndpointIdentifier());
        CustomEndpoint deleting = store.write(scope, state -> {
            CustomEndpoint endpoint = state.endpoint(id).orElseThrow(() -> RdsErrors.endpointNotFound(id));
            if (!List.of(EndpointStatus.AVAILABLE, EndpointStatus.MODIFYING).contains(endpoint.status())) {
                throw RdsErrors.error("InvalidDBClusterEndpointStateFault",
                        "DB cluster endpoint %s is in %s state and cannot be deleted.", id, endpoint.status().wire());
            }
            CustomEndpoint changed = endpoint.withStatus(EndpointStatus.DELETING);
            state.put(changed);
            return changed;
        });
        DeleteDbClusterEndpointResponse response = endpointResponse(RdsShapes.of(scope, store, engines).customEndpoint(deleting),
                DeleteDbClusterEndpointResponse.builder());
        engines.control(scope, deleting.clusterIdentifier()).apply(new ClusterChange.EndpointDeleted(id));
        return response;
    }


    private static void checkMembers(RdsState state, String clusterId, List<String> members) {
        for (String member : members) {
            DbInstance instance = RdsStore.instance(state, member);
            if (!instance.clusterIdentifier().equals(clusterId)) {
                throw CommonErrors.invalidParameterValue("DB instance " + member + " is not a member of DB cluster "
                        + clusterId + ".");
            }
        }
    }

    /** The Create/Modify/DeleteDBClusterEndpoint results carry the endpoint's fields directly. */
    private static <R> R endpointResponse(DBClusterEndpoint shape, SdkBuilder<?, R> builder) {
        return SdkShapes.toSdk(builder, SdkShapes.toTree(shape));
    }
}
