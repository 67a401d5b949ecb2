/**
 * The board: the reference architecture's own workload, an ordinary Spring Boot application that
 * knows host names and ports and nothing of Haneul.
 *
 * <p>A request, outside in (filters in the order {@link dev.haneul.examples.board.WebConfiguration}
 * registers them):
 * <pre>
 *   RequestLogFilter        one INFO line per page, X-Board-Instance on every response
 *   HealthFilter            GET /health for the load balancer, before anything that may wait for Redis
 *   UnavailableFilter       a session store or database failure outside MVC becomes the 503 page
 *   SessionRepositoryFilter (redis mode only) the HttpSession lives in Redis, not in this JVM
 *   Spring Security         form login, CSRF, logout
 *   BoardController         pages; reads via the reader, writes via the writer ({@link dev.haneul.examples.board.BoardDatabase})
 * </pre>
 *
 * <p>Parameters and results are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.haneul.examples.board;

import org.jspecify.annotations.NullMarked;
