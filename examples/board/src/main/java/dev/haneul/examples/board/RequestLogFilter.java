package dev.haneul.examples.board;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the instance on every response ({@code X-Board-Instance}) and logs one line per request:
 * pages at INFO; health checks and static files, which a load balancer and browsers send all the
 * time, at DEBUG.
 */
final class RequestLogFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLogFilter.class);

    static final String INSTANCE_HEADER = "X-Board-Instance";
    /** Request attribute a controller sets to the DB instance that answered the page's read. */
    static final String DB_INSTANCE_ATTRIBUTE = RequestLogFilter.class.getName() + ".db";

    private final InstanceName instance;

    RequestLogFilter(InstanceName instance) {
        this.instance = instance;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        response.setHeader(INSTANCE_HEADER, instance.get());
        try {
            chain.doFilter(request, response);
        } finally {
            String path = request.getRequestURI();
            boolean quiet = path.startsWith("/health") || path.startsWith("/css/") || path.startsWith("/js/")
                    || path.startsWith("/favicon");
            if (quiet ? log.isDebugEnabled() : log.isInfoEnabled()) {
                Object db = request.getAttribute(DB_INSTANCE_ATTRIBUTE);
                String line = "{} - {} {} {} {} ms{}";
                Object[] args = {instance.get(), request.getMethod(), path, response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000, db == null ? "" : " db=" + db};
                if (quiet) {
                    log.debug(line, args);
                } else {
                    log.info(line, args);
                }
            }
        }
    }
}
