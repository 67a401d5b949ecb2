package dev.haneul.core.gateway;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The first step of every request, before its body is read: refuses what only a web page in a
 * browser would send. Haneul listens on loopback, which every browser tab and every local user
 * shares, so a page on any site can make the browser talk to it. Three checks keep pages out:
 *
 * <ol>
 *   <li><b>Host</b> must name a loopback address ({@code 127.0.0.0/8}, {@code [::1]}),
 *       {@code localhost} or a subdomain of it, or a name configured in
 *       {@code HANEUL_ALLOWED_HOSTS}, with or without a port. A DNS-rebinding page reaches
 *       Haneul under its own name ({@code Host: evil.example}) and is refused here.
 *   <li><b>CORS preflights</b> ({@code OPTIONS}) are refused, so a page can never get permission
 *       to send custom headers (such as a SigV4 {@code Authorization} or Haneul's token) or to read
 *       an answer — except where a user opened a resource to other origins as AWS lets them
 *       (S3 bucket CORS configuration, {@link CrossOriginPolicy}, see {@link #crossOrigin}).
 *   <li><b>Cross-site requests</b>: a browser marks what a page sends with {@code Sec-Fetch-Site}
 *       and, for anything but a plain GET, {@code Origin}. Only {@code same-origin} and
 *       {@code none} (typed into the address bar, opened from a terminal) pass, and an
 *       {@code Origin} must be Haneul's own ({@code http://} + the Host). {@code same-site}
 *       is refused too: every port of 127.0.0.1 is the same site, including the apps and load
 *       balancers Haneul runs. The one exception is a top-level navigation to the dashboard
 *       page itself (a link to it), which shows nothing another site could read.
 * </ol>
 *
 * What passes still has to prove itself further on: AWS API calls must be signed, or be S3 calls
 * the anonymous principal may make by the bucket's policy ({@link ApiDispatcher}), Haneul's control routes need the server's token or a session
 * ({@link ControlAccess}). Programs (the AWS CLI, the SDKs, curl) send no {@code Origin} and no
 * {@code Sec-Fetch-*} headers, so nothing here changes for them.
 */
public final class RequestGuard {

    /** The paths of the dashboard page, the only ones a link from another site may open. */
    private static final List<String> DASHBOARD_PAGES = List.of("/_haneul", "/_haneul/");

    private final List<String> allowedHosts;
    private final List<CrossOriginPolicy> crossOriginPolicies;

    /**
     * @param allowedHosts further host names to answer (lower case); {@code *.name} stands for
     *     every subdomain of {@code name}
     */
    public RequestGuard(List<String> allowedHosts) {
        this(allowedHosts, List.of());
    }

    /**
     * @param allowedHosts as above
     * @param crossOriginPolicies the services that decide cross-origin requests to their own
     *     resources (S3's buckets)
     */
    public RequestGuard(List<String> allowedHosts, List<CrossOriginPolicy> crossOriginPolicies) {
        this.allowedHosts = List.copyOf(requireNonNull(allowedHosts, "allowedHosts"));
        this.crossOriginPolicies = List.copyOf(requireNonNull(crossOriginPolicies, "crossOriginPolicies"));
    }

    /**
     * A browser's cross-origin request (it carries {@code Origin}) or preflight ({@code OPTIONS}
     * with {@code Origin} and {@code Access-Control-Request-Method}) to a resource a
     * {@link CrossOriginPolicy} claims, with the policy's answer; empty for everything else, which
     * {@link #check} then judges as always. Only for a host Haneul answers.
     */
    public Optional<CrossOrigin> crossOrigin(HttpRequest request) {
        HttpHeaders headers = request.headers();
        String host = headers.get("Host");
        String origin = headers.get("Origin");
        if (crossOriginPolicies.isEmpty() || host == null || origin == null || !allowedHost(host)) {
            return Optional.empty();
        }
        boolean preflight = request.method().equals(HttpMethod.OPTIONS);
        String method = preflight ? headers.get("Access-Control-Request-Method") : request.method().name();
        if (method == null || method.isBlank()) {
            return Optional.empty();
        }
        List<String> requested = new ArrayList<>();
        if (preflight) {
            for (String value : headers.getAll("Access-Control-Request-Headers")) {
                for (String name : value.split(",")) {
                    if (!name.isBlank()) {
                        requested.add(name.strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        String uri = request.uri();
        int question = uri.indexOf('?');
        CrossOriginPolicy.Request asked = new CrossOriginPolicy.Request(host, question < 0 ? uri : uri.substring(0, question),
                origin, method.strip(), requested, preflight);
        for (CrossOriginPolicy policy : crossOriginPolicies) {
            Optional<CrossOriginPolicy.Answer> answer = policy.evaluate(asked);
            if (answer.isPresent()) {
                return Optional.of(new CrossOrigin(policy, answer.get(), preflight));
            }
        }
        return Optional.empty();
    }

    /** A policy's decision on a cross-origin request ({@link #crossOrigin}). */
    public record CrossOrigin(CrossOriginPolicy policy, CrossOriginPolicy.Answer answer, boolean preflight) {

        public CrossOrigin {
            requireNonNull(policy, "policy");
            requireNonNull(answer, "answer");
        }

        /** The CORS headers when the policy allows the request; empty when it refuses it. */
        public Optional<Map<String, String>> allowedHeaders() {
            return answer instanceof CrossOriginPolicy.Answer.Allowed allowed ? Optional.of(allowed.headers())
                    : Optional.empty();
        }
    }

    /**
     * Why {@code request} is refused (a 403 {@code AccessDenied}, {@code AccessDeniedException} for a
     * json caller), or empty when it may go on.
     */
    public Optional<AwsServiceException> check(HttpRequest request) {
        boolean json = GatewayHandler.isJson(request);
        HttpHeaders headers = request.headers();
        String host = headers.get("Host");
        if (host == null || host.isBlank()) {
            return refuse("The request has no Host header.", json);
        }
        if (!allowedHost(host)) {
            return refuse("Haneul answers only requests addressed to a loopback address, localhost or a name in"
                    + " HANEUL_ALLOWED_HOSTS, not to '" + host + "' (a web page reaching Haneul through DNS rebinding"
                    + " would use its own name).", json);
        }
        if (request.method().equals(HttpMethod.OPTIONS)) {
            return refuse("Haneul answers no CORS preflight: its API and pages are not for other web sites to call.", json);
        }
        String site = headers.get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none") && !linkToDashboard(request)) {
            return refuse("The browser says this request comes from another site (Sec-Fetch-Site: " + site
                    + "); Haneul serves only its own pages and programs such as the AWS CLI.", json);
        }
        String origin = headers.get("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            return refuse("The browser says this request comes from another origin (Origin: " + origin
                    + "); Haneul serves only its own pages and programs such as the AWS CLI.", json);
        }
        return Optional.empty();
    }

    /**
     * Whether {@code hostHeader} (a Host header's value: a name or address and an optional port)
     * is one Haneul answers.
     */
    boolean allowedHost(String hostHeader) {
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 && validPort(host.substring(close + 1)) && host.substring(1, close).equals("::1");
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            if (!validPort(host.substring(colon))) {
                return false;
            }
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // the fully qualified spelling of the same name
        }
        if (host.equals("localhost") || host.endsWith(".localhost") || loopbackAddress(host)) {
            return true;
        }
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** Empty, or {@code :} and a port number. */
    private static boolean validPort(String suffix) {
        if (suffix.isEmpty()) {
            return true;
        }
        if (suffix.length() < 2 || suffix.length() > 6 || suffix.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < suffix.length(); i++) {
            if (!Character.isDigit(suffix.charAt(i))) {
                return false;
            }
        }
        return Integer.parseInt(suffix.substring(1)) <= 65535;
    }

    /** A dotted-quad address in {@code 127.0.0.0/8}, each part a decimal number 0-255. */
    private static boolean loopbackAddress(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** A link from another site to the dashboard page: a top-level GET navigation, nothing else. */
    private static boolean linkToDashboard(HttpRequest request) {
        String uri = request.uri();
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        HttpHeaders headers = request.headers();
        return request.method().equals(HttpMethod.GET) && DASHBOARD_PAGES.contains(path)
                && "navigate".equals(headers.get("Sec-Fetch-Mode")) && "document".equals(headers.get("Sec-Fetch-Dest"));
    }

    /** AWS's code for a refused request: {@code AccessDenied} in XML, {@code AccessDeniedException} in JSON. */
    private static Optional<AwsServiceException> refuse(String message, boolean json) {
        return Optional.of((json ? CommonErrors.ACCESS_DENIED_JSON : CommonErrors.ACCESS_DENIED).error(message));
    }
}
