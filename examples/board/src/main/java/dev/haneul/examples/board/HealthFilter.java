package dev.haneul.examples.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code GET /health}, the load balancer's health check: 200 and
 * {@code {"status":"UP","instance":"<name>"}} whenever this process serves HTTP. It is answered
 * here, in front of Spring Session, Spring Security and Spring MVC, because each of those may load
 * the HTTP session (MVC looks for flash attributes in it on every request) and so wait for Redis
 * when the request carries a session cookie: a cache failover must not fail every instance's
 * health check at once. {@code /health/deep} ({@link HealthController}) checks the dependencies.
 */
final class HealthFilter extends OncePerRequestFilter {

    static final String PATH = "/health";

    private final byte[] body;

    HealthFilter(InstanceName instance, ObjectMapper json) throws IOException {
        Map<String, String> health = new LinkedHashMap<>();
        health.put("status", "UP");
        health.put("instance", instance.get());
        this.body = json.writeValueAsBytes(health);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !(PATH.equals(request.getRequestURI()) && ("GET".equals(method) || "HEAD".equals(method)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
