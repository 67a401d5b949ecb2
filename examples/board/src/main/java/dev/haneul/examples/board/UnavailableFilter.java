package dev.haneul.examples.board;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a session store or database failure that escapes the rest of the chain into the 503 page
 * ({@link Unavailability}). It sits outside Spring Session's filter, whose reads and writes of the
 * session in Redis happen before and after MVC, where no exception handler sees them. Anything else
 * goes on to the container's error handling.
 */
final class UnavailableFilter extends OncePerRequestFilter {

    private final Unavailability unavailability;

    UnavailableFilter(Unavailability unavailability) {
        this.unavailability = unavailability;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            Optional<Unavailability.Dependency> dependency = Unavailability.dependencyOf(failure);
            if (dependency.isEmpty() || response.isCommitted()) {
                throw failure;
            }
            unavailability.respond(request, response, dependency.get(), failure);
        }
    }
}
