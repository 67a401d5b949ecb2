package dev.haneul.rds.api;

import dev.haneul.core.net.Endpoint;
import dev.haneul.core.state.Scope;
import dev.haneul.rds.engine.ClusterControl;
import java.net.BindException;
import java.util.Optional;

/**
 * Every cluster's engine side, as the API's services reach it: {@link ClusterRuntimes} runs real
 * engines; fast tests put a fake here. Keeps the services free of processes, sockets and the
 * server's environment.
 */
interface ClusterEngines {

    /**
     * Starts the engine side of a cluster just written to the state, and opens its built-in
     * endpoints (the API answers their addresses). On failure nothing of it is left running.
     *
     * @throws BindException when its endpoints could not be bound
     */
    ClusterControl open(Scope scope, String clusterId) throws BindException;

    /** The engine side of an existing cluster ({@code InternalFailure} when this server runs none). */
    ClusterControl control(Scope scope, String clusterId);

    /** The engine side of a cluster, if this server runs one. */
    Optional<ClusterControl> find(Scope scope, String clusterId);

    /** Where an endpoint of a cluster listens ({@code cluster}, {@code reader}, {@code custom/x}, {@code instance/x}). */
    Optional<Endpoint> address(Scope scope, String clusterId, String endpointName);

    /** Reserves an address for a new endpoint, so the API can answer it before the endpoint opens. */
    void reserveAddress(Scope scope, String clusterId, String endpointName, int port);

    /** Claims a new DB instance's engine directory, so the server's sweep leaves it alone. */
    void claimEngineDir(Scope scope, String instanceId);
}
