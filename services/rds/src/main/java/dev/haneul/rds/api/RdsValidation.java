package dev.haneul.rds.api;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * RDS's own input rules, beyond what the model says, with RDS's wording where it is known:
 * identifiers, master credentials, ports, tiers, endpoint types and member lists.
 */
final class RdsValidation {

    /** RDS identifiers: a letter, then letters, digits and hyphens; no trailing or double hyphen. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,62}");
    private static final Pattern MASTER_USERNAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,31}");
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,63}");
    private static final Pattern INSTANCE_CLASS = Pattern.compile("db\\.(serverless|[a-z0-9-]+\\.[a-z0-9]+)");
    static final int MIN_PORT = 1150;
    static final int MAX_PORT = 65535;
    static final int MAX_PROMOTION_TIER = 15;

    /** The only engine Haneul emulates. */
    static final String ENGINE = "aurora-mysql";
    private static final List<String> OTHER_ENGINES = List.of("aurora-postgresql", "mysql", "postgres", "mariadb",
            "neptune", "docdb", "aurora", "oracle-ee", "oracle-se2", "sqlserver-ee", "sqlserver-se", "sqlserver-ex",
            "sqlserver-web", "db2-se", "db2-ae", "custom-oracle-ee", "custom-sqlserver-ee");

    private RdsValidation() {}

    /** {@code aurora-mysql}; RDS's other engines are {@code NotImplemented}, anything else invalid. */
    static void engine(String action, String engine) {
        if (ENGINE.equals(engine)) {
            return;
        }
        if (OTHER_ENGINES.contains(engine)) {
            throw notImplemented(action, "the " + engine + " engine; only aurora-mysql is emulated");
        }
        throw CommonErrors.invalidParameterValue("Invalid DB engine: " + engine);
    }

    /** A valid identifier, lower-cased as RDS stores it. */
    static String identifier(String parameter, String value) {
        if (value == null || !IDENTIFIER.matcher(value).matches() || value.endsWith("-") || value.contains("--")) {
            throw CommonErrors.invalidParameterValue("The parameter " + parameter + " is not a valid identifier. "
                    + "Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; "
                    + "and must not end with a hyphen or contain two consecutive hyphens.");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    /** An identifier as given in a lookup (describe, delete): lower-cased, not checked. */
    static String lookup(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    /** An optional identifier as given in a lookup: lower-cased; {@code null} when absent. */
    static @Nullable String lookupOptional(@Nullable String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    static void masterUsername(String value) {
        if (value == null || value.isBlank()) {
            throw CommonErrors.invalidParameterValue("The parameter MasterUsername must be provided and must not be blank.");
        }
        if (!MASTER_USERNAME.matcher(value).matches()) {
            throw CommonErrors.invalidParameterValue("The parameter MasterUsername is not a valid identifier. "
                    + "Master user names must begin with a letter, contain only ASCII letters, digits and underscores, "
                    + "and be 1 to 32 characters long.");
        }
        if (value.equalsIgnoreCase("rdsadmin") || MySqlReservedWords.contains(value)) {
            throw CommonErrors.invalidParameterValue("MasterUsername " + value
                    + " cannot be used as it is a reserved word used by the engine");
        }
    }

    static void masterPassword(String value) {
        if (value == null || value.isEmpty()) {
            throw CommonErrors.invalidParameterValue(
                    "The parameter MasterUserPassword must be provided and must not be blank.");
        }
        if (value.length() < 8) {
            throw CommonErrors.invalidParameterValue(
                    "The parameter MasterUserPassword is not a valid password because it is shorter than 8 characters.");
        }
        if (value.length() > 41) {
            throw CommonErrors.invalidParameterValue(
                    "The parameter MasterUserPassword is not a valid password because it is longer than 41 characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '/' || c == '@' || c == '"') {
                throw CommonErrors.invalidParameterValue("The parameter MasterUserPassword is not a valid password. "
                        + "Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.");
            }
        }
    }

    static void databaseName(String value) {
        if (value != null && !DATABASE_NAME.matcher(value).matches()) {
            throw CommonErrors.invalidParameterValue(
                    "DatabaseName must begin with a letter and contain only alphanumeric characters.");
        }
    }

    static void port(Integer port) {
        if (port != null && (port < MIN_PORT || port > MAX_PORT)) {
            throw CommonErrors.invalidParameterValue("Invalid port " + port + ". The port must be between "
                    + MIN_PORT + " and " + MAX_PORT + ".");
        }
    }

    static void promotionTier(Integer tier) {
        if (tier != null && (tier < 0 || tier > MAX_PROMOTION_TIER)) {
            throw CommonErrors.invalidParameterValue("Invalid PromotionTier " + tier
                    + ". The promotion tier must be between 0 and " + MAX_PROMOTION_TIER + ".");
        }
    }

    static void backupRetentionPeriod(Integer days) {
        if (days != null && (days < 1 || days > 35)) {
            throw CommonErrors.invalidParameterValue("Invalid backup retention period " + days
                    + ". The backup retention period must be between 1 and 35 days.");
        }
    }

    static void instanceClass(String value, String engine, String engineVersion) {
        if (value == null || !INSTANCE_CLASS.matcher(value).matches()) {
            throw CommonErrors.invalidParameterCombination("RDS does not support creating a DB instance with the "
                    + "following combination: DBInstanceClass=" + value + ", Engine=" + engine + ", EngineVersion="
                    + engineVersion + ", LicenseModel=general-public-license. For supported combinations of "
                    + "instance class and database engine version, see the documentation.");
        }
    }

    /** A custom endpoint type, case-insensitive on input, upper-case as stored. */
    static String customEndpointType(String value) {
        String type = value == null ? "" : value.toUpperCase(Locale.ROOT);
        return switch (type) {
            case "READER", "ANY" -> type;
            case "WRITER" -> throw CommonErrors.invalidParameterValue(
                    "Invalid endpoint type WRITER for a custom endpoint. Valid values are READER and ANY.");
            default -> throw CommonErrors.invalidParameterValue("Invalid endpoint type " + value
                    + ". Valid values are READER and ANY.");
        };
    }

    /** StaticMembers and ExcludedMembers cannot both be given with members. */
    static void exclusiveLists(List<String> staticMembers, List<String> excludedMembers) {
        if (staticMembers != null && !staticMembers.isEmpty() && excludedMembers != null && !excludedMembers.isEmpty()) {
            throw CommonErrors.invalidParameterCombination(
                    "StaticMembers and ExcludedMembers are mutually exclusive: specify only one of them.");
        }
    }

    /** Member identifiers lower-cased, without duplicates, in the order given. */
    static List<String> members(List<String> members) {
        if (members == null) {
            return List.of();
        }
        return new ArrayList<>(new LinkedHashSet<>(members.stream().map(RdsValidation::lookup).toList()));
    }

    static AwsServiceException notImplemented(String action, String what) {
        return new AwsServiceException(501, "NotImplemented", "Haneul does not emulate " + what + " (" + action + ").",
                false, Map.of());
    }
}
