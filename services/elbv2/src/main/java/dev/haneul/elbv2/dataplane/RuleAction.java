package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The terminal action of a rule. */
public sealed interface RuleAction {

    /**
     * {@code forward}: to one of {@code targetGroups} chosen by weight; with {@code stickiness}, the
     * chosen group is remembered in the {@code AWSALBTG} cookie for that long.
     */
    record Forward(List<WeightedTargetGroup> targetGroups, Optional<Duration> stickiness) implements RuleAction {
        public Forward {
            targetGroups = List.copyOf(requireNonNull(targetGroups, "targetGroups"));
            if (targetGroups.isEmpty()) {
                throw new IllegalArgumentException("targetGroups: empty (expected: at least one)");
            }
            requireNonNull(stickiness, "stickiness");
        }

        public static Forward to(String targetGroupArn) {
            return new Forward(List.of(new WeightedTargetGroup(targetGroupArn, 1)), Optional.empty());
        }
    }

    /** A target group of a forward action and its weight (0-999). */
    record WeightedTargetGroup(String arn, int weight) {
        public WeightedTargetGroup {
            requireNonNull(arn, "arn");
            if (weight < 0 || weight > 999) {
                throw new IllegalArgumentException("weight: " + weight + " (expected: 0-999)");
            }
        }
    }

    /**
     * {@code redirect}: each component may hold the placeholders {@code #{protocol}},
     * {@code #{host}}, {@code #{port}}, {@code #{path}} (without its leading slash) and
     * {@code #{query}}.
     *
     * @param statusCode 301 or 302
     */
    record Redirect(String protocol, String host, String port, String path, String query, int statusCode)
            implements RuleAction {
        public Redirect {
            requireNonNull(protocol, "protocol");
            requireNonNull(host, "host");
            requireNonNull(port, "port");
            requireNonNull(path, "path");
            requireNonNull(query, "query");
        }
    }

    /** {@code fixed-response}. */
    record FixedResponse(int statusCode, Optional<String> contentType, String body) implements RuleAction {
        public FixedResponse {
            requireNonNull(contentType, "contentType");
            requireNonNull(body, "body");
        }
    }
}
