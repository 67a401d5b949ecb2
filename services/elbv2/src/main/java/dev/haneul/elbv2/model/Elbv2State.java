package dev.haneul.elbv2.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ELBv2's resources in one account and region, as the state file holds them: immutable records in
 * maps keyed by ARN, in creation order, and the tags of every taggable resource. Mutated only
 * inside {@code ScopedStore.write}, which persists the whole scope before the API answers.
 */
public final class Elbv2State {

    @JsonProperty
    private final Map<String, LoadBalancerRecord> loadBalancers = new LinkedHashMap<>();
    @JsonProperty
    private final Map<String, ListenerRecord> listeners = new LinkedHashMap<>();
    @JsonProperty
    private final Map<String, RuleRecord> rules = new LinkedHashMap<>();
    @JsonProperty
    private final Map<String, TargetGroupRecord> targetGroups = new LinkedHashMap<>();
    /** Resource ARN → tag key → value, in insertion order. */
    @JsonProperty
    private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();

    public Map<String, LoadBalancerRecord> loadBalancers() {
        return loadBalancers;
    }

    public Map<String, ListenerRecord> listeners() {
        return listeners;
    }

    public Map<String, RuleRecord> rules() {
        return rules;
    }

    public Map<String, TargetGroupRecord> targetGroups() {
        return targetGroups;
    }

    public Map<String, Map<String, String>> tags() {
        return tags;
    }
}
