package dev.haneul.rds.engine;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The parts of {@code SHOW SLAVE STATUS} Haneul acts on. {@link #NONE} when replication is not
 * configured.
 */
record ReplicaStatus(boolean configured, boolean ioRunning, boolean sqlRunning, int masterPort, String ioPosition,
                     int ioErrno, String ioError, int sqlErrno, String sqlError, String sqlState) {

    /** Error of a replica asking for transactions its master no longer (or never) had: diverged or too far behind. */
    static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;

    static final ReplicaStatus NONE = new ReplicaStatus(false, false, false, 0, "", 0, "", 0, "", "");

    static ReplicaStatus of(Map<String, String> row) {
        if (row.isEmpty()) {
            return NONE;
        }
        return new ReplicaStatus(true, "Yes".equals(row.get("Slave_IO_Running")),
                "Yes".equals(row.get("Slave_SQL_Running")), integer(row.get("Master_Port")),
                row.getOrDefault("Gtid_IO_Pos", ""), integer(row.get("Last_IO_Errno")),
                row.getOrDefault("Last_IO_Error", ""), integer(row.get("Last_SQL_Errno")),
                row.getOrDefault("Last_SQL_Error", ""), row.getOrDefault("Slave_SQL_Running_State", ""));
    }

    /** Whether the SQL thread has applied everything in its relay log. */
    boolean drained() {
        return sqlState.contains("read all relay log");
    }

    /** Whether replication stopped on an error that needs the replica rebuilt. */
    boolean broken() {
        return ioErrno == ER_MASTER_FATAL_ERROR_READING_BINLOG || (sqlErrno != 0 && !sqlRunning);
    }

    String problem() {
        return ioErrno != 0 ? "I/O error " + ioErrno + ": " + ioError : "SQL error " + sqlErrno + ": " + sqlError;
    }

    private static int integer(@Nullable String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
