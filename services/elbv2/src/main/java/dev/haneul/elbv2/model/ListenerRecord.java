package dev.haneul.elbv2.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
/**
 * A listener as stored.
 *
 * @param port the port the user asked for
 * @param boundPort the port it listens on (what the API shows), 0 until first bound
 * @param defaultRuleArn its default rule, which holds the default actions
 */
public record ListenerRecord(String arn, String loadBalancerArn, String protocol, int port, int boundPort,
                             String defaultRuleArn) {

    public ListenerRecord {
        requireNonNull(arn, "arn");
        requireNonNull(loadBalancerArn, "loadBalancerArn");
        requireNonNull(protocol, "protocol");
        requireNonNull(defaultRuleArn, "defaultRuleArn");
    }

    public ListenerRecord withBoundPort(int newBoundPort) {
        return new ListenerRecord(arn, loadBalancerArn, protocol, port, newBoundPort, defaultRuleArn);
    }

    public ListenerRecord withPortAndProtocol(int newPort, String newProtocol) {
        return new ListenerRecord(arn, loadBalancerArn, newProtocol, newPort, newPort == port ? boundPort : 0,
                defaultRuleArn);
    }

    /** The port users reach it on. */
    @JsonIgnore
    public int effectivePort() {
        return boundPort > 0 ? boundPort : port;
    }
}
