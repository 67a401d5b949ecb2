package dev.haneul.testing;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.auth.SigV4Signer;
import dev.haneul.core.auth.SignableRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Raw AWS API requests for {@code java.net.http}, signed with SigV4 as the AWS SDKs sign them (with
 * the test credentials, region {@code us-east-1}), for tests that send what no SDK would (bad
 * encodings, odd content types) yet must look like a real client: Haneul refuses unsigned API calls.
 *
 * <pre>{@code
 * HTTP.send(SignedHttp.request(haneul.endpoint(), "POST", "/", "sts",
 *         List.of(Map.entry("Content-Type", FORM)), body).build(), BodyHandlers.ofString());
 * }</pre>
 */
public final class SignedHttp {

    private SignedHttp() {}

    /**
     * A request to {@code endpoint} + {@code target} with {@code headers} and {@code body}, signed
     * for {@code service} (its SigV4 signing name, such as {@code sts} or {@code rds}).
     */
    public static HttpRequest.Builder request(URI endpoint, String method, String target, String service,
                                              List<Map.Entry<String, String>> headers, byte[] body) {
        requireNonNull(endpoint, "endpoint");
        List<Map.Entry<String, String>> all = new ArrayList<>();
        all.add(Map.entry("Host", endpoint.getHost() + ":" + endpoint.getPort()));
        all.addAll(headers);
        SignableRequest signed = SigV4Signer.sign(SignableRequest.of(method, target, all, body), "test", "test",
                "us-east-1", service, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(target))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> header : signed.headers()) {
            if (!header.getKey().equalsIgnoreCase("Host")) { // java.net.http sends it from the URI
                request.header(header.getKey(), header.getValue());
            }
        }
        return request;
    }
}
