package dev.haneul.examples.board;

import io.lettuce.core.RedisException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The friendly 503: what a request that met a failing dependency answers instead of a stack
 * trace. One place decides whether a failure is the database's or the session store's, retires
 * the pooled DB connections when the backend is gone ({@link BoardDatabase#evictPooledConnections()}),
 * logs one line, and renders {@code unavailable.html} with {@code Retry-After}. Both the MVC
 * exception handler ({@link PageAdvice}) and {@link UnavailableFilter} (failures outside MVC, such
 * as reading the session from Redis) come here.
 */
@Component
final class Unavailability {

    private static final Logger log = LoggerFactory.getLogger(Unavailability.class);

    /** Seconds a client should wait before retrying, sent as {@code Retry-After}. */
    static final int RETRY_AFTER_SECONDS = 2;

    /** The dependency that failed. */
    enum Dependency {
        DATABASE("The database is failing over (or briefly unreachable).",
                "Retry in a moment. If you were saving something, check whether it is there before saving it again."),
        SESSION_STORE("The session store is failing over (or briefly unreachable).",
                "Retry in a moment; if the session did not survive, you will be asked to log in again.");

        final String headline;
        final String advice;

        Dependency(String headline, String advice) {
            this.headline = headline;
            this.advice = advice;
        }
    }

    private final ITemplateEngine templates;
    private final BoardDatabase db;
    private final InstanceName instance;
    private final BoardProperties properties;

    Unavailability(ITemplateEngine templates, BoardDatabase db, InstanceName instance, BoardProperties properties) {
        this.templates = templates;
        this.db = db;
        this.instance = instance;
        this.properties = properties;
    }

    /**
     * The dependency behind {@code failure}, or empty when it is not a dependency's failure. Spring
     * translates both JDBC and Lettuce errors into {@link DataAccessException}s, so the cause chain
     * decides: anything of Redis in it means the session store.
     */
    static Optional<Dependency> dependencyOf(Throwable failure) {
        boolean database = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RedisException || t.getClass().getName().startsWith("org.springframework.data.redis.")) {
                return Optional.of(Dependency.SESSION_STORE);
            }
            database |= t instanceof DataAccessException || t instanceof TransactionException || t instanceof SQLException;
        }
        return database ? Optional.of(Dependency.DATABASE) : Optional.empty();
    }

    /** Writes the 503 for {@code failure} of {@code dependency}; the response must not be committed. */
    void respond(HttpServletRequest request, HttpServletResponse response, Dependency dependency, Throwable failure)
            throws IOException {
        if (dependency == Dependency.DATABASE && BoardDatabase.isConnectionFailure(failure)) {
            db.evictPooledConnections();
        }
        log.warn("{} - {} {} -> 503, {}: {}", instance.get(), request.getMethod(), request.getRequestURI(),
                dependency.name().toLowerCase(Locale.ROOT).replace('_', ' '), rootMessage(failure));
        response.resetBuffer();
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"status\":503,\"error\":\"%s\",\"instance\":\"%s\"}"
                    .formatted(dependency.headline, instance.get().replace("\"", "")));
            return;
        }
        Context context = new Context();
        context.setVariable("headline", dependency.headline);
        context.setVariable("advice", dependency.advice);
        context.setVariable("retry", "GET".equals(request.getMethod()) ? request.getRequestURI() : null);
        context.setVariable("instance", instance.get());
        context.setVariable("sessionStore", properties.sessionStore().label());
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        templates.process("unavailable", context, response.getWriter());
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
