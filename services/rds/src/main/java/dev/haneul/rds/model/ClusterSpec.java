package dev.haneul.rds.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What a DB cluster was created with and what ModifyDBCluster may change: everything about a
 * cluster but its identity, status, writer and port.
 *
 * @param masterPasswordHash the master password as MariaDB's {@code mysql_native_password} hash
 *     ({@code *} and 40 hex digits): the password itself is never stored
 * @param adminPassword the password of Haneul's own {@code rdsadmin} account on every engine
 */
public record ClusterSpec(
        String engine,
        String engineVersion,
        String masterUsername,
        String masterPasswordHash,
        String databaseName,
        Instant createdAt,
        String resourceId,
        String adminPassword,
        boolean deletionProtection,
        int backupRetentionPeriod,
        String preferredBackupWindow,
        String preferredMaintenanceWindow,
        String parameterGroup,
        String subnetGroup,
        List<String> vpcSecurityGroupIds,
        List<String> availabilityZones,
        boolean storageEncrypted,
        String kmsKeyId,
        boolean copyTagsToSnapshot) {

    public ClusterSpec {
        requireNonNull(engine, "engine");
        requireNonNull(createdAt, "createdAt");
        databaseName = databaseName == null ? "" : databaseName;
        kmsKeyId = kmsKeyId == null ? "" : kmsKeyId;
        vpcSecurityGroupIds = List.copyOf(vpcSecurityGroupIds == null ? List.of() : vpcSecurityGroupIds);
        availabilityZones = List.copyOf(availabilityZones == null ? List.of() : availabilityZones);
    }

    /** The settings ModifyDBCluster may change. */
    public ClusterSpec withSettings(String newMasterPasswordHash, boolean newDeletionProtection,
                                    int newBackupRetentionPeriod, String newBackupWindow, String newMaintenanceWindow,
                                    List<String> newVpcSecurityGroupIds, boolean newCopyTagsToSnapshot) {
        return new ClusterSpec(engine, engineVersion, masterUsername, newMasterPasswordHash, databaseName, createdAt,
                resourceId, adminPassword, newDeletionProtection, newBackupRetentionPeriod, newBackupWindow,
                newMaintenanceWindow, parameterGroup, subnetGroup, newVpcSecurityGroupIds, availabilityZones,
                storageEncrypted, kmsKeyId, newCopyTagsToSnapshot);
    }
}
