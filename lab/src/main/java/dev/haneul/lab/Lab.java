package dev.haneul.lab;

/**
 * One scenario. A lab creates every resource it needs under the {@code lab-<name>} prefix through
 * the AWS API, registers their deletion with {@link LabContext#cleanup()} as soon as each exists (so
 * a failure half-way still cleans up), and returns what it measured.
 */
public interface Lab {

    /** The name users type: {@code haneul lab run NAME}. */
    String name();

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
