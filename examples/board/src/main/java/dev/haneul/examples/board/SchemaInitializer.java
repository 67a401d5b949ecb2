package dev.haneul.examples.board;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

/**
 * Creates the schema through the writer at start-up. When the database cannot be reached then,
 * the application starts anyway (the load balancer checks the process, and pages answer 503 until
 * the database is there) and a background thread tries again every {@link #RETRY_INTERVAL}.
 */
@Component
final class SchemaInitializer implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaInitializer.class);

    static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);

    private final BoardDatabase db;
    private volatile boolean ready;
    private volatile @Nullable Thread retrying;

    SchemaInitializer(BoardDatabase db) {
        this.db = db;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (tryCreate(true)) {
            return;
        }
        retrying = Thread.ofVirtual().name("schema-retry").start(() -> {
            try {
                while (!tryCreate(false)) {
                    Thread.sleep(RETRY_INTERVAL);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Whether the tables exist (as far as this instance knows). */
    boolean ready() {
        return ready;
    }

    private boolean tryCreate(boolean first) {
        try {
            db.createSchema();
            ready = true;
            log.info("Schema ready through the writer ({})", db.endpoint(BoardDatabase.Role.WRITER));
            return true;
        } catch (DataAccessException e) {
            if (first) {
                log.warn("Cannot create the schema through the writer ({}): {}; retrying every {} s",
                        db.endpoint(BoardDatabase.Role.WRITER), e.getMostSpecificCause().getMessage(),
                        RETRY_INTERVAL.toSeconds());
            }
            return false;
        }
    }

    @Override
    public void destroy() {
        Thread thread = retrying;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
