package dev.haneul.rds.engine;

import dev.haneul.core.process.ManagedProcess;
import dev.haneul.core.process.ProcessExit;
import dev.haneul.core.process.ProcessListener;
import dev.haneul.rds.endpoint.ClusterEndpoints;
import dev.haneul.rds.endpoint.CustomMembership;
import dev.haneul.rds.model.CustomEndpoint;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of one cluster's runtime shares: its name, its records ({@link ClusterRecords}),
 * its lock and tasks ({@link ClusterTasks}), its engines and rotation ({@link Rotation}), its
 * endpoints, and where its engines keep their data. {@link ClusterRuntime} makes one and hands it
 * to each part.
 *
 * @param name {@code rds/<cluster>}, for logs and thread names
 * @param engineDirs the engine directory of a DB instance (claimed from the environment)
 * @param volumeDir where the cluster's data waits while the cluster has no instance
 * @param exits told when an engine exits unexpectedly (the coordinator: a failover or a restart)
 */
record ClusterContext(String clusterId, String name, ClusterRecords records, ClusterTasks tasks, Rotation rotation,
                      ClusterEndpoints endpoints, Function<String, Path> engineDirs, Path volumeDir,
                      EngineExits exits) {

    private static final Logger log = LoggerFactory.getLogger(ClusterContext.class);

    /** What happens when an engine exits on its own. */
    @FunctionalInterface
    interface EngineExits {
        void exited(String instanceId, ManagedProcess process) throws Exception;
    }

    /** The listener every engine of {@code instanceId} starts with: an unexpected exit becomes a task. */
    ProcessListener exitListener(String instanceId) {
        return new ProcessListener() {
            @Override
            public void onExit(ManagedProcess process, ProcessExit exit) {
                if (!exit.expected() && !tasks.closed()) {
                    log.warn("{} - engine of {} exited: {}", name, instanceId, exit);
                    tasks.task("crash-" + instanceId, () -> exits.exited(instanceId, process));
                }
            }
        };
    }

    static CustomMembership membership(CustomEndpoint endpoint) {
        return CustomMembership.of(endpoint.type(), endpoint.staticMembers(), endpoint.excludedMembers());
    }
}
