package dev.haneul.elbv2.dataplane;

import java.util.List;
import java.util.Optional;

/**
 * What the control plane needs of the data plane, in the shape every Haneul service uses between
 * its API and its engines: <b>immutable desired config in, observed status out</b>.
 *
 * <ul>
 *   <li>In: {@link #apply} takes the whole desired state ({@link DataPlaneConfig}: every load
 *       balancer, listener, compiled rule table and target group, across accounts and regions)
 *       after each change; the data plane converges to it and keeps nothing the config does not
 *       name. Applying the same config twice changes nothing, so a restart is one
 *       {@code apply} of the stored state.</li>
 *   <li>Out: {@link ApplyResult} says what the convergence achieved (the port each listener
 *       actually listens on, why any could not listen); {@link #targetHealth} and
 *       {@link #connections} are live views the API and the dashboard read at any time.</li>
 * </ul>
 *
 * No callbacks run from the data plane into the control plane; the control plane decides what to
 * store from what {@code apply} answers. {@link Elbv2DataPlane} is the real one; fast tests of
 * the API use an in-memory fake.
 */
public interface DataPlane extends AutoCloseable {

    /** Converges to {@code config}; blocks while binding, so never call it from an I/O thread. */
    ApplyResult apply(DataPlaneConfig config);

    /** The health of every target of a target group, in registration order; empty when it is unknown. */
    List<TargetHealthView> targetHealth(String targetGroupArn);

    /** Client connections open on a listener now, if it runs. */
    Optional<Integer> connections(String listenerArn);

    /** Closes every listener and connection. */
    @Override
    void close();
}
