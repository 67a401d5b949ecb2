package dev.haneul.rds.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.mariadb.jdbc.Driver;

/**
 * One management connection to an engine on {@code 127.0.0.1}, with the few shapes of query
 * Haneul needs: statements, a single value, a single row. Opened per task and closed after it;
 * management is rare enough that a pool would only hold connections the user might see.
 */
final class Sql implements AutoCloseable {

    private static final Driver DRIVER = new Driver();
    /** Management statements are short; a hung engine must not hang a failover. */
    static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final Connection connection;

    private Sql(Connection connection) {
        this.connection = connection;
    }

    static Sql connect(int port, String user, String password) throws SQLException {
        return connect(port, user, password, DEFAULT_SOCKET_TIMEOUT);
    }

    static Sql connect(int port, String user, String password, Duration socketTimeout) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        properties.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
        Connection connection = DRIVER.connect("jdbc:mariadb://127.0.0.1:" + port + "/", properties);
        if (connection == null) {
            throw new SQLException("the MariaDB driver refused the URL for port " + port);
        }
        return new Sql(connection);
    }

    /** Runs each statement in order. */
    void execute(String... statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The first column of the first row, {@code ""} for SQL NULL or no row. */
    String value(String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            if (!rows.next()) {
                return "";
            }
            String value = rows.getString(1);
            return value == null ? "" : value;
        }
    }

    /** The first row by column label, empty when there is none; SQL NULL becomes {@code ""}. */
    Map<String, String> row(String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            Map<String, String> row = new LinkedHashMap<>();
            if (rows.next()) {
                ResultSetMetaData meta = rows.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String value = rows.getString(i);
                    row.put(meta.getColumnLabel(i), value == null ? "" : value);
                }
            }
            return row;
        }
    }

    /** Every row's first column mapped to its second. */
    Map<String, String> pairs(String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            Map<String, String> values = new LinkedHashMap<>();
            while (rows.next()) {
                values.put(rows.getString(1), rows.getString(2));
            }
            return values;
        }
    }

    /** Every row's first column. */
    List<String> column(String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /** A string literal for SQL text: single-quoted, with backslashes and quotes escaped. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** An identifier for SQL text: back-quoted. */
    static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
