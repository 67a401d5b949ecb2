package dev.haneul.rds.model;

/** The status strings RDS uses for clusters, instances and endpoints (those Haneul passes through). */
public final class Status {

    public static final String CREATING = "creating";
    public static final String AVAILABLE = "available";
    public static final String MODIFYING = "modifying";
    public static final String DELETING = "deleting";
    public static final String REBOOTING = "rebooting";
    public static final String FAILING_OVER = "failing-over";
    public static final String STOPPING = "stopping";
    public static final String STOPPED = "stopped";
    public static final String STARTING = "starting";
    public static final String FAILED = "failed";
    public static final String RESETTING_MASTER_CREDENTIALS = "resetting-master-credentials";

    private Status() {}
}
