package dev.haneul.elbv2.model;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A load balancer as stored.
 *
 * @param type {@code application} or {@code network}
 * @param address the loopback address its listeners bind, returned as its {@code DNSName}
 * @param attributes the attributes the user set (defaults are not stored)
 * @param cookieKey the base64 AES key that seals its stickiness cookies
 */
public record LoadBalancerRecord(String arn, String name, String type, String scheme, String ipAddressType,
                                 String vpcId, List<SubnetRecord> subnets, List<String> securityGroups,
                                 Instant createdTime, String address, Map<String, String> attributes,
                                 String cookieKey) {

    public LoadBalancerRecord {
        requireNonNull(arn, "arn");
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(securityGroups);
        attributes = Map.copyOf(attributes);
    }

    public LoadBalancerRecord withAttributes(Map<String, String> newAttributes) {
        return new LoadBalancerRecord(arn, name, type, scheme, ipAddressType, vpcId, subnets, securityGroups,
                createdTime, address, newAttributes, cookieKey);
    }

    public LoadBalancerRecord withSubnets(List<SubnetRecord> newSubnets, String newIpAddressType) {
        return new LoadBalancerRecord(arn, name, type, scheme, newIpAddressType, vpcId, newSubnets, securityGroups,
                createdTime, address, attributes, cookieKey);
    }

    public LoadBalancerRecord withSecurityGroups(List<String> newSecurityGroups) {
        return new LoadBalancerRecord(arn, name, type, scheme, ipAddressType, vpcId, subnets, newSecurityGroups,
                createdTime, address, attributes, cookieKey);
    }

    @JsonIgnore
    public boolean isApplication() {
        return type.equals("application");
    }
}
