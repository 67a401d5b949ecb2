package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may use Haneul's control routes (the dashboard's API and the apps API): the holders of
 * this server's token, and browsers with a session.
 *
 * <ul>
 *   <li>The <b>token</b> is random, made at start-up and written by the server to
 *       {@value #TOKEN_FILE} in the data dir (mode 0600), where the CLI, the demo and the labs read
 *       it; the dashboard page carries it. Every state-changing call ({@code POST}, {@code PUT},
 *       {@code DELETE}) must send it in {@value #TOKEN_HEADER}. A web page on another site cannot:
 *       it can neither read the file nor the page, nor add a custom header without a CORS
 *       preflight, which the {@link RequestGuard} refuses.
 *   <li>With {@code HANEUL_AUTH=sigv4}, reads need a <b>session</b> too (or the token): the
 *       dashboard asks once for an access key and its secret (the same credentials the API wants),
 *       or {@code haneul dashboard} prints a one-time login URL; the session is an
 *       {@code HttpOnly}, {@code SameSite=Strict} cookie. The page with the token is only served
 *       with a session, so other local users cannot take the token from it. Without
 *       {@code sigv4}, as the API itself, reads are open to whoever passes the {@link RequestGuard}
 *       (they show resources and app states, no secrets).
 * </ul>
 *
 * Thread-safe; sessions and tickets live in memory and end with the server.
 */
public final class ControlAccess {

    /** The header that carries the token. */
    public static final String TOKEN_HEADER = "X-Haneul-Token";
    /** The token's file in the data dir, beside {@code server.json}. */
    public static final String TOKEN_FILE = "server.token";
    /** The session cookie's name. */
    public static final String SESSION_COOKIE = "haneul-session";
    /** How long a browser session lasts. */
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** How long a one-time login URL ({@code haneul dashboard}) stays valid. */
    public static final Duration TICKET_LIFETIME = Duration.ofMinutes(2);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final Map<String, String> credentials;
    private final Clock clock;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> tickets = new ConcurrentHashMap<>();

    private ControlAccess(String token, Map<String, String> credentials, Clock clock) {
        this.token = token;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * Control access with a new random token.
     *
     * @param credentials access key id to secret: browsers must log in with one of them; empty
     *     when reads are open (no signature checking)
     */
    public static ControlAccess create(Map<String, String> credentials, Clock clock) {
        return new ControlAccess(randomValue(), Map.copyOf(requireNonNull(credentials, "credentials")),
                requireNonNull(clock, "clock"));
    }

    /** The token, for the token file and the dashboard page. */
    public String token() {
        return token;
    }

    /** Whether reading needs a session or the token (the server verifies signatures). */
    public boolean loginRequired() {
        return !credentials.isEmpty();
    }

    /**
     * Why {@code request} to a control route is refused, or empty: a state-changing request needs
     * the token; a read needs a session or the token when {@link #loginRequired()}.
     */
    public Optional<AwsServiceException> authorize(HttpRequest request) {
        boolean read = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD);
        if (hasToken(request) || read && mayRead(request)) {
            return Optional.empty();
        }
        return Optional.of(CommonErrors.UNAUTHENTICATED.error(read
                ? "Log in first: open the dashboard, or run './haneul dashboard' for a one-time login URL."
                : "This request must carry the server's token in " + TOKEN_HEADER + " (the dashboard page sends it; the"
                        + " CLI reads it from " + TOKEN_FILE + " in the data dir)."));
    }

    /** Whether {@code request} may read: always when no login is required, else with a session or the token. */
    public boolean mayRead(HttpRequest request) {
        return !loginRequired() || hasToken(request) || session(request).isPresent();
    }

    /** A new session for a browser that gave a known access key and its secret; empty otherwise. */
    public Optional<String> login(String accessKeyId, String secretAccessKey) {
        String expected = credentials.get(accessKeyId);
        if (expected == null || !constantTimeEquals(expected, secretAccessKey)) {
            return Optional.empty();
        }
        return Optional.of(newSession());
    }

    /** A one-time ticket that {@link #redeem} turns into a session, for a login URL. */
    public String newTicket() {
        purgeExpired();
        String ticket = randomValue();
        tickets.put(ticket, clock.instant().plus(TICKET_LIFETIME));
        return ticket;
    }

    /** A new session for a valid ticket, which is used up; empty for an unknown or expired one. */
    public Optional<String> redeem(String ticket) {
        Instant expiry = tickets.remove(ticket);
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            return Optional.empty();
        }
        return Optional.of(newSession());
    }

    /** The {@code Set-Cookie} value that gives a browser {@code session}. */
    public String sessionCookie(String session) {
        return SESSION_COOKIE + "=" + session + "; Path=/_haneul; Max-Age=" + SESSION_LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict";
    }

    private Optional<String> session(HttpRequest request) {
        String header = request.headers().get("Cookie");
        if (header == null) {
            return Optional.empty();
        }
        for (Cookie cookie : ServerCookieDecoder.STRICT.decode(header)) {
            if (cookie.name().equals(SESSION_COOKIE)) {
                Instant expiry = sessions.get(cookie.value());
                if (expiry != null && clock.instant().isBefore(expiry)) {
                    return Optional.of(cookie.value());
                }
            }
        }
        return Optional.empty();
    }

    private boolean hasToken(HttpRequest request) {
        String sent = request.headers().get(TOKEN_HEADER);
        return sent != null && constantTimeEquals(token, sent);
    }

    private String newSession() {
        purgeExpired();
        String session = randomValue();
        sessions.put(session, clock.instant().plus(SESSION_LIFETIME));
        return session;
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(expiry -> !now.isBefore(expiry));
        tickets.values().removeIf(expiry -> !now.isBefore(expiry));
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /** 256 random bits, URL- and cookie-safe. */
    private static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
