package dev.haneul.lab;

import java.util.EnumSet;
import java.util.Set;

/**
 * One scenario. A lab creates every resource it needs under the {@code lab-<name>} prefix through
 * the AWS API, registers their deletion with {@link LabContext#cleanup()} as soon as each exists (so
 * a failure half-way still cleans up), and returns what it measured.
 */
public interface Lab {

    /** The name users type: {@code haneul lab run NAME}. */
    String name();

    /** The kinds of AWS resources a lab creates, so clean-up lists only those. */
    enum ResourceKind { WAF, LOAD_BALANCERS, APPS, AURORA, ELASTICACHE, S3 }

    /**
     * What {@link LabRunner} deletes before and after the run (under the lab's prefix). Every kind
     * by default; a lab that names its kinds spares the others' API calls (the first call to a
     * service costs its client's start-up, seconds on a loaded machine).
     */
    default Set<ResourceKind> resources() {
        return EnumSet.allOf(ResourceKind.class);
    }

    /** The question the lab answers, in one line. */
    String question();

    /**
     * Runs the scenario.
     *
     * @throws Exception when the scenario could not run (a resource never became available, the
     *     server went away); a scenario that ran and found bad news returns normally
     */
    LabResult run(LabContext context) throws Exception;
}
