package dev.haneul.it.rds;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A writer under a fast, unpaced mix of DDL and DML on a handful of tables of database
 * {@code app}: one thread creating, altering (add and drop columns), renaming and dropping
 * tables, one inserting, updating and deleting rows, with no pause between statements. Errors a
 * racing statement gets from the schema (no such table, duplicate column) are expected and
 * counted; any other error fails the run. {@link #pause()} waits for the statements in flight to
 * end and holds new ones until {@link #resume()}, so the test can compare a quiet writer with its
 * replicas.
 */
final class SchemaChurn implements AutoCloseable {

    /** Errors a statement gets when another changed the schema first: the load is racy by design. */
    private static final Set<Integer> SCHEMA_RACES = Set.of(
            1050, // table already exists (RENAME onto an existing name)
            1054, // unknown column
            1060, // duplicate column name
            1091, // can't drop: column does not exist
            1146, // table doesn't exist
            1090); // can't drop the last column
    private static final int TABLES = 5;

    private final String host;
    private final int port;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong ddl = new AtomicLong();
    private final AtomicLong dml = new AtomicLong();
    private final AtomicLong races = new AtomicLong();
    private volatile boolean stopped;
    private volatile Throwable failure;

    SchemaChurn(String host, int port) {
        this.host = host;
        this.port = port;
    }

    SchemaChurn start() {
        threads.add(Thread.ofPlatform().name("churn-ddl").start(() -> loop(this::oneDdl)));
        threads.add(Thread.ofPlatform().name("churn-dml").start(() -> loop(this::oneDml)));
        return this;
    }

    /** Waits for the statements in flight and holds new ones. */
    void pause() {
        gate.writeLock().lock();
        check();
    }

    void resume() {
        gate.writeLock().unlock();
    }

    long ddlStatements() {
        return ddl.get();
    }

    long dmlStatements() {
        return dml.get();
    }

    /** Throws what stopped a load thread, if one stopped. */
    void check() {
        if (failure != null) {
            throw new AssertionError("the load failed", failure);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run(Statement statement, ThreadLocalRandom random) throws SQLException;
    }

    private void loop(Step step) {
        try (Connection connection = RdsTestSupport.connect(host, port);
             Statement statement = connection.createStatement()) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stopped) {
                gate.readLock().lock();
                try {
                    step.run(statement, random);
                } catch (SQLException e) {
                    if (!SCHEMA_RACES.contains(e.getErrorCode())) {
                        throw e;
                    }
                    races.incrementAndGet();
                } finally {
                    gate.readLock().unlock();
                }
            }
        } catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private void oneDdl(Statement statement, ThreadLocalRandom random) throws SQLException {
        String table = "app.t" + random.nextInt(TABLES);
        String column = "c" + random.nextInt(4);
        String sql = switch (random.nextInt(6)) {
            case 0, 1 -> "CREATE TABLE IF NOT EXISTS " + table
                    + " (id INT AUTO_INCREMENT PRIMARY KEY, v INT NOT NULL DEFAULT 0, note VARCHAR(40))";
            case 2 -> "ALTER TABLE " + table + " ADD COLUMN " + column + " INT DEFAULT 7";
            case 3 -> "ALTER TABLE " + table + " DROP COLUMN " + column;
            case 4 -> "RENAME TABLE " + table + " TO app.t" + random.nextInt(TABLES);
            default -> "DROP TABLE IF EXISTS " + table;
        };
        statement.execute(sql);
        ddl.incrementAndGet();
    }

    private void oneDml(Statement statement, ThreadLocalRandom random) throws SQLException {
        String table = "app.t" + random.nextInt(TABLES);
        String sql = switch (random.nextInt(4)) {
            case 0, 1 -> "INSERT INTO " + table + " (v, note) VALUES (" + random.nextInt(1000) + ", 'n"
                    + random.nextInt(100) + "')";
            case 2 -> "UPDATE " + table + " SET v = v + 1 WHERE id % 3 = " + random.nextInt(3) + " LIMIT 5";
            default -> "DELETE FROM " + table + " ORDER BY id LIMIT 1";
        };
        statement.execute(sql);
        dml.incrementAndGet();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        if (gate.isWriteLockedByCurrentThread()) {
            gate.writeLock().unlock();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }
}
