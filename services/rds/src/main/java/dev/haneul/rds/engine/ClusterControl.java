package dev.haneul.rds.engine;

import dev.haneul.rds.model.ClusterStatus;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.InstanceStatus;

/**
 * The engine side of one DB cluster, as the API drives it: desired state in, observed status out.
 *
 * <ul>
 *   <li><b>In:</b> the API validates a request and writes the desired state (records with
 *       transitional statuses such as {@code creating}, {@code rebooting},
 *       {@code failing-over}) into the store, then hands {@link #apply} an immutable
 *       {@link ClusterChange} naming what changed. {@code apply} returns at once; the engine
 *       side converges on its own threads (starting engines, seeding, failing over, moving
 *       endpoints) and records the settled status ({@code available}, {@code stopped},
 *       {@code failed}) and the events in the store.</li>
 *   <li><b>Out:</b> {@link #shownStatus} says what the API shows for a record: the recorded
 *       status, except that nothing is shown {@code available} that does not serve.</li>
 * </ul>
 *
 * The API never waits on the engine side and never holds the store's lock while calling in.
 */
public interface ClusterControl {

    /** Converges to the state the API has written; returns at once. */
    void apply(ClusterChange change);

    /** The status to show for {@code cluster}: {@code available} only while its writer serves. */
    ClusterStatus shownStatus(DbCluster cluster);

    /** The status to show for {@code instance}: {@code available} only while it serves. */
    InstanceStatus shownStatus(DbInstance instance);
}
