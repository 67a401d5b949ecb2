package dev.haneul.lab;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The migration's verification: per table, the row count ({@code SELECT COUNT(*)}) and
 * {@code CHECKSUM TABLE} (a checksum of every row's contents, computed by the server), on the
 * source and on a copy. The same MariaDB version and table definitions on both sides give the same
 * checksum for the same rows.
 */
final class TableChecks {

    /** One table's figures; {@code checksum} is null when the table is missing. */
    record Check(long rows, @Nullable Long checksum) {}

    private TableChecks() {}

    /** The base tables of {@code database}, by name. */
    static List<String> tables(Connection connection, String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (var statement = connection.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    /** Row count and checksum of each of {@code tables} in {@code database}, in order. */
    static Map<String, Check> check(Connection connection, String database, List<String> tables) throws SQLException {
        Map<String, @Nullable Long> checksums = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("CHECKSUM TABLE " + tables.stream()
                     .map(t -> quote(database) + "." + quote(t)).collect(Collectors.joining(", ")))) {
            while (rows.next()) {
                String table = rows.getString(1);
                long checksum = rows.getLong(2);
                checksums.put(table.substring(table.indexOf('.') + 1), rows.wasNull() ? null : checksum);
            }
        }
        Map<String, Check> checks = new LinkedHashMap<>();
        for (String table : tables) {
            long count = -1;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + quote(database) + "." + quote(table))) {
                if (rows.next()) {
                    count = rows.getLong(1);
                }
            } catch (SQLException e) {
                // a missing table: counted as -1 rows, no checksum
            }
            checks.put(table, new Check(count, checksums.get(table)));
        }
        return checks;
    }

    /** Whether {@code copy} has every table of {@code source} with the same rows and checksum. */
    static boolean same(Map<String, Check> source, Map<String, Check> copy) {
        return !source.isEmpty() && source.equals(copy);
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
