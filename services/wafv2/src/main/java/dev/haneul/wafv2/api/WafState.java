package dev.haneul.wafv2.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WAF's resources in one account and region, as the state file holds them. Mutated only inside
 * {@code ScopedStore.write}, which persists the scope before the API answers.
 */
final class WafState {

    /** Web ACLs, IP sets, regex pattern sets and rule groups, by ARN, in creation order. */
    @JsonProperty
    private final Map<String, WafResource> resources = new LinkedHashMap<>();
    /** Resource ARN → tag key → value. */
    @JsonProperty
    private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    /** Protected resource ARN (a load balancer) → web ACL ARN. */
    @JsonProperty
    private final Map<String, String> associations = new LinkedHashMap<>();
    /** Web ACL ARN → its LoggingConfiguration, in AWS's JSON. */
    @JsonProperty
    private final Map<String, JsonNode> loggingConfigurations = new LinkedHashMap<>();

    Map<String, WafResource> resources() {
        return resources;
    }

    Map<String, Map<String, String>> tags() {
        return tags;
    }

    Map<String, String> associations() {
        return associations;
    }

    Map<String, JsonNode> loggingConfigurations() {
        return loggingConfigurations;
    }
}
