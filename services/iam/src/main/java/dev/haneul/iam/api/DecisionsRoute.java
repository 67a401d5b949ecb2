package dev.haneul.iam.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.gateway.HttpResponses;
import dev.haneul.core.gateway.HttpRoute;
import dev.haneul.iam.policy.DecisionLog;
import dev.haneul.iam.policy.DecisionRecord;
import dev.haneul.iam.policy.EvalDecision;
import dev.haneul.iam.policy.MatchedStatement;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /_haneul/api/iam/decisions?last=20&denied=true&decision=allowed&principal=…}: the most
 * recent authorization decisions, newest first, as JSON (principal, action, resource, decision, the
 * statement that decided, AWS's reason). A control route: the server's token or a session.
 */
final class DecisionsRoute implements HttpRoute {

    static final String PATH = "/_haneul/api/iam/decisions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX = 1000;

    private final DecisionLog log;

    DecisionsRoute(DecisionLog log) {
        this.log = log;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String id = UUID.randomUUID().toString();
        if (!request.method().equals(HttpMethod.GET)) {
            HttpResponses.write(ctx, 405, "text/plain", "GET only\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", "GET"), id, keepAlive);
            return;
        }
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        int last = Math.min(MAX, Math.max(1, parse(first(query, "last"), 20)));
        boolean deniedOnly = "true".equals(first(query, "denied"));
        String decision = first(query, "decision");
        String principal = first(query, "principal");
        List<DecisionRecord> records = log.query(r -> (!deniedOnly || r.decision() != EvalDecision.ALLOWED)
                && matches(decision, r.decision())
                && (principal.isEmpty() || r.principal().equals(principal) || r.principal().endsWith("/" + principal)),
                last);
        ObjectNode body = JSON.createObjectNode();
        body.put("written", log.written());
        body.put("capacity", log.capacity());
        ArrayNode list = body.putArray("decisions");
        for (DecisionRecord record : records) {
            ObjectNode node = list.addObject();
            node.put("time", record.time().toString());
            node.put("principal", record.principal());
            node.put("action", record.action());
            node.put("resource", record.resource());
            node.put("decision", record.decision().wireName());
            MatchedStatement deciding = record.deciding();
            if (deciding != null) {
                node.put("statement", deciding.toString());
                node.put("policyType", deciding.source().type().wireName());
                if (deciding.source().arn() != null) {
                    node.put("policyArn", deciding.source().arn());
                }
            }
            if (record.reason() != null) {
                node.put("reason", record.reason().phrase(record.action()));
            }
        }
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpResponses.write(ctx, 200, HttpResponses.JSON, bytes, Map.of("Cache-Control", "no-store"), id, keepAlive);
    }

    /**
     * Whether {@code decision} passes the filter: empty (any), {@code allowed}, {@code denied}
     * (either deny), or an {@code EvalDecision} name ({@code explicitDeny}, {@code implicitDeny}).
     */
    static boolean matches(String filter, EvalDecision decision) {
        return switch (filter) {
            case "" -> true;
            case "denied" -> decision != EvalDecision.ALLOWED;
            default -> decision.wireName().equalsIgnoreCase(filter);
        };
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    private static int parse(String text, int fallback) {
        try {
            return text.isEmpty() ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
