package dev.haneul.dashboard;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.gateway.ControlAccess;
import dev.haneul.core.gateway.HttpResponses;
import dev.haneul.core.gateway.HttpRoute;
import dev.haneul.core.protocol.ProtocolException;
import dev.haneul.core.protocol.query.FormParameters;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a browser gets a dashboard session when a login is required ({@code HANEUL_AUTH=sigv4}):
 *
 * <pre>
 * POST /_haneul/login                       the login form: accessKeyId, secretAccessKey (the API's credentials)
 * GET  /_haneul/login?ticket=T              a one-time login URL, as 'haneul dashboard' prints it
 * POST /_haneul/api/session/tickets         a new one-time login URL (a control route: needs the token)
 * </pre>
 *
 * Both logins answer {@code 303} to the dashboard, with the session cookie when they worked and
 * {@code ?login=failed} when they did not. The form is posted by the dashboard's own login page;
 * the {@code RequestGuard} refuses it from any other origin.
 */
public final class DashboardLogin implements HttpRoute {

    /** The login form's and the login URLs' path (open to anyone the request guard lets through). */
    public static final String PATH = "/_haneul/login";
    /** Where one-time login URLs are made (a control route). */
    public static final String TICKETS_PATH = "/_haneul/api/session";

    private static final Logger log = LoggerFactory.getLogger(DashboardLogin.class);

    private final ControlAccess access;

    public DashboardLogin(ControlAccess access) {
        this.access = requireNonNull(access, "access");
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        HttpMethod method = request.method();
        try {
            if (path.equals(TICKETS_PATH + "/tickets") && method.equals(HttpMethod.POST)) {
                String url = PATH + "?ticket=" + access.newTicket();
                HttpResponses.write(ctx, 200, HttpResponses.JSON, ("{\"url\":\"" + url + "\"}").getBytes(StandardCharsets.UTF_8),
                        Map.of("Cache-Control", "no-store"), id(), keepAlive);
            } else if (path.equals(PATH) && method.equals(HttpMethod.GET)) {
                String query = question < 0 ? "" : uri.substring(question + 1);
                enter(ctx, first(FormParameters.decode(query), "ticket").flatMap(access::redeem), "ticket", keepAlive);
            } else if (path.equals(PATH) && method.equals(HttpMethod.POST)) {
                Map<String, List<String>> form = FormParameters.decode(request.content().toString(StandardCharsets.UTF_8));
                Optional<String> accessKey = first(form, "accessKeyId");
                Optional<String> session = accessKey.flatMap(key -> first(form, "secretAccessKey")
                        .flatMap(secret -> access.login(key, secret)));
                enter(ctx, session, "access key " + accessKey.orElse("(none)"), keepAlive);
            } else {
                HttpResponses.writeError(ctx, CommonErrors.NOT_FOUND.error("No such login page: " + method
                        + " " + path + "."), id(), keepAlive);
            }
        } catch (ProtocolException e) {
            HttpResponses.writeError(ctx, CommonErrors.MALFORMED_QUERY_STRING.error(e.getMessage()), id(),
                    keepAlive);
        }
    }

    /** To the dashboard: with a session cookie when there is one, else back to the form with the reason. */
    private void enter(ChannelHandlerContext ctx, Optional<String> session, String with, boolean keepAlive) {
        if (session.isPresent()) {
            log.info("dashboard - a browser logged in with {}", with);
            HttpResponses.write(ctx, 303, "text/plain", new byte[0], Map.of("Location", Dashboard.PATH + "/",
                    "Set-Cookie", access.sessionCookie(session.get()), "Cache-Control", "no-store"), id(), keepAlive);
        } else {
            log.info("dashboard - a login with {} failed", with);
            HttpResponses.write(ctx, 303, "text/plain", new byte[0], Map.of("Location", Dashboard.PATH + "/?login=failed",
                    "Cache-Control", "no-store"), id(), keepAlive);
        }
    }

    private static Optional<String> first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }
}
