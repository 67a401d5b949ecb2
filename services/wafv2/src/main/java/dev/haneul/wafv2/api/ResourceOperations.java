package dev.haneul.wafv2.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.wafv2.engine.WafValidationException;
import dev.haneul.wafv2.engine.WebAclCompiler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Create, Get, Update, Delete and List of the four WAF resource kinds, which share their shape:
 * a full form stored as AWS JSON, a summary, a lock token renewed by every change and required by
 * Update and Delete ({@code WAFOptimisticLockException} when stale), names unique per kind and
 * scope. What differs per kind (a web ACL's compilation and capacity, a rule group's declared
 * capacity and labels, an IP set's addresses) is in {@link #prepare}.
 *
 * <p>Mutations are serialised by the provider's lock, so validation (which reads referenced sets
 * through the store) happens before the write that persists the change.
 */
final class ResourceOperations {

    static final long WEB_ACL_CAPACITY_LIMIT = 5_000;
    static final long RULE_GROUP_CAPACITY_LIMIT = 1_500;
    private static final int MAX_TAGS = 50;
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)/(3[0-2]|[12]?\\d)");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9A-Fa-f:.]{2,45}/(12[0-8]|1[01]\\d|[1-9]?\\d)");

    private final ScopedStore<WafState> store;
    private final WebAclCompiler compiler;
    private final Object lock;
    private final Consumer<String> changed;

    /** @param changed told the ARN of every resource created, updated or deleted (after it is persisted) */
    ResourceOperations(ScopedStore<WafState> store, WebAclCompiler compiler, Object lock, Consumer<String> changed) {
        this.store = store;
        this.compiler = compiler;
        this.lock = lock;
        this.changed = changed;
    }

    // ---------------------------------------------------------------- create / get / update / delete / list

    Map<String, Object> create(RequestContext context, ResourceKind kind, Map<String, Object> input) {
        String wafScope = WafScopes.check(context, input.get("Scope"));
        String name = String.valueOf(input.get("Name"));
        String id = UUID.randomUUID().toString();
        String arn = WafScopes.arn(context, wafScope, kind, name, id);
        ObjectNode spec = WafJson.toJson(kind.shape, input);
        spec.put("Name", name).put("Id", id).put("ARN", arn);
        Map<String, String> tags = tags(input);
        Scope scope = WafScopes.of(context);
        synchronized (lock) {
            store.read(scope, state -> {
                int count = 0;
                for (WafResource existing : state.resources().values()) {
                    if (existing.kind() == kind && existing.wafScope().equals(wafScope)) {
                        count++;
                        if (existing.name().equals(name)) {
                            throw WafErrors.duplicate();
                        }
                    }
                }
                if (count >= kind.quota) {
                    throw WafErrors.limitsExceeded(kind.sourceType);
                }
                return null;
            });
            prepare(context, kind, wafScope, spec, null);
            WafResource resource = new WafResource(kind, wafScope, id, name, arn, UUID.randomUUID().toString(), spec);
            store.write(scope, state -> {
                state.resources().put(arn, resource);
                if (!tags.isEmpty()) {
                    state.tags().put(arn, tags);
                }
                return null;
            });
            changed.accept(arn);
            return Map.of("Summary", summary(resource));
        }
    }

    Map<String, Object> get(RequestContext context, ResourceKind kind, Map<String, Object> input) {
        WafResource resource = find(context, kind, input);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(kind.shape, WafJson.toTree(kind.shape, resource.spec()));
        out.put("LockToken", resource.lockToken());
        return out;
    }

    Map<String, Object> update(RequestContext context, ResourceKind kind, Map<String, Object> input) {
        Scope scope = WafScopes.of(context);
        synchronized (lock) {
            WafResource old = find(context, kind, input);
            checkLockToken(old, input);
            ObjectNode spec = WafJson.toJson(kind.shape, input);
            spec.put("Name", old.name()).put("Id", old.id()).put("ARN", old.arn());
            prepare(context, kind, old.wafScope(), spec, old);
            WafResource updated = new WafResource(kind, old.wafScope(), old.id(), old.name(), old.arn(),
                    UUID.randomUUID().toString(), spec);
            store.write(scope, state -> {
                WafResource current = state.resources().get(old.arn());
                if (current == null || !current.lockToken().equals(old.lockToken())) {
                    throw WafErrors.optimisticLock();
                }
                state.resources().put(old.arn(), updated);
                return null;
            });
            changed.accept(old.arn());
            return Map.of("NextLockToken", updated.lockToken());
        }
    }

    Map<String, Object> delete(RequestContext context, ResourceKind kind, Map<String, Object> input) {
        Scope scope = WafScopes.of(context);
        synchronized (lock) {
            WafResource resource = find(context, kind, input);
            checkLockToken(resource, input);
            store.write(scope, state -> {
                if (state.associations().containsValue(resource.arn())) {
                    throw WafErrors.associated();
                }
                for (WafResource other : state.resources().values()) {
                    if (!other.arn().equals(resource.arn()) && References.of(other.spec()).contains(resource.arn())) {
                        throw WafErrors.associated();
                    }
                }
                state.resources().remove(resource.arn());
                state.tags().remove(resource.arn());
                state.loggingConfigurations().remove(resource.arn());
                return null;
            });
            changed.accept(resource.arn());
            return Map.of();
        }
    }

    Map<String, Object> list(RequestContext context, ResourceKind kind, Map<String, Object> input) {
        String wafScope = WafScopes.check(context, input.get("Scope"));
        List<WafResource> all = store.read(WafScopes.of(context), state -> state.resources().values().stream()
                .filter(r -> r.kind() == kind && r.wafScope().equals(wafScope)).toList());
        int limit = input.get("Limit") instanceof Number n ? n.intValue() : 100;
        int start = 0;
        if (input.get("NextMarker") instanceof String marker) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(marker)) {
                    start = i;
                }
            }
            if (start < 0) {
                throw WafErrors.invalidParameter("NEXT_MARKER", marker, "The marker isn't valid");
            }
        }
        List<Object> summaries = new ArrayList<>();
        for (int i = start; i < all.size() && summaries.size() < limit; i++) {
            summaries.add(summary(all.get(i)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        int next = start + summaries.size();
        if (next < all.size()) {
            out.put("NextMarker", all.get(next).id());
        }
        out.put(kind.listMember, summaries);
        return out;
    }

    // ---------------------------------------------------------------- lookups

    /** The resource the request names: {@code ARN}, or {@code Name}, {@code Scope} and {@code Id}. */
    WafResource find(RequestContext context, ResourceKind kind, Map<String, Object> input) {
        if (input.get("ARN") instanceof String arn) {
            return byArn(WafScopes.of(context), arn).filter(r -> r.kind() == kind).orElseThrow(WafErrors::nonexistent);
        }
        Object id = input.get("Id");
        Object name = input.get("Name");
        if (id == null || name == null || input.get("Scope") == null) {
            throw WafErrors.invalidParameter(id == null ? "ENTITY_ID" : name == null ? "ENTITY_NAME" : "SCOPE_VALUE", "",
                    "The parameter is required: Name, Scope and Id, or ARN");
        }
        String wafScope = WafScopes.check(context, input.get("Scope"));
        return store.read(WafScopes.of(context), state -> state.resources().values().stream()
                .filter(r -> r.kind() == kind && r.wafScope().equals(wafScope) && r.id().equals(id) && r.name().equals(name))
                .findFirst()).orElseThrow(WafErrors::nonexistent);
    }

    /** The resource with this ARN in {@code scope}. */
    Optional<WafResource> byArn(Scope scope, String arn) {
        return store.read(scope, state -> Optional.ofNullable(state.resources().get(arn)));
    }

    /** The web ACL with this ARN in {@code scope}, or {@code WAFNonexistentItemException}. */
    WafResource webAcl(Scope scope, String arn) {
        return byArn(scope, arn).filter(r -> r.kind() == ResourceKind.WEB_ACL).orElseThrow(WafErrors::nonexistent);
    }

    /** The resource with this ARN, wherever its ARN says it lives. */
    Optional<WafResource> byArn(String arn) {
        return WafScopes.scopeOfArn(arn).flatMap(scope -> byArn(scope, arn));
    }

    private static void checkLockToken(WafResource resource, Map<String, Object> input) {
        if (!resource.lockToken().equals(input.get("LockToken"))) {
            throw WafErrors.optimisticLock();
        }
    }

    private static Map<String, Object> summary(WafResource resource) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("Name", resource.name());
        summary.put("Id", resource.id());
        // AWS's summaries carry the description, empty when there is none.
        summary.put("Description", resource.description());
        summary.put("LockToken", resource.lockToken());
        summary.put("ARN", resource.arn());
        return summary;
    }

    static Map<String, String> tags(Map<String, Object> input) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (input.get("Tags") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> tag) {
                    tags.put(String.valueOf(tag.get("Key")), String.valueOf(tag.get("Value")));
                }
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw WafErrors.TAG_OPERATION.error("The number of tags exceeds the limit of " + MAX_TAGS + ".");
        }
        return tags;
    }

    // ---------------------------------------------------------------- what differs per kind

    /**
     * Checks a new or updated resource and adds what AWS computes: a web ACL's capacity and label
     * namespace, a rule group's label namespace and labels. {@code old} is null on create.
     */
    private void prepare(RequestContext context, ResourceKind kind, String wafScope, ObjectNode spec, @Nullable WafResource old) {
        switch (kind) {
            case WEB_ACL -> {
                checkReferences(context, wafScope, spec);
                spec.put("LabelNamespace", "awswaf:" + context.accountId() + ":webacl:" + spec.path("Name").asText() + ":");
                long capacity;
                try {
                    capacity = compiler.compile(spec).capacity();
                } catch (WafValidationException e) {
                    throw WafErrors.invalid(e);
                }
                if (capacity > WEB_ACL_CAPACITY_LIMIT) {
                    throw WafErrors.limitsExceeded("WebACL");
                }
                spec.put("Capacity", capacity);
                spec.put("ManagedByFirewallManager", false);
            }
            case RULE_GROUP -> {
                checkReferences(context, wafScope, spec);
                if (old != null) {
                    spec.set("Capacity", old.spec().path("Capacity"));
                }
                long declared = spec.path("Capacity").asLong();
                if (declared > RULE_GROUP_CAPACITY_LIMIT) {
                    throw WafErrors.limitsExceeded("RuleGroup");
                }
                String namespace = "awswaf:" + context.accountId() + ":rulegroup:" + spec.path("Name").asText() + ":";
                spec.put("LabelNamespace", namespace);
                try {
                    compiler.validateRuleGroup(spec);
                } catch (WafValidationException e) {
                    throw WafErrors.invalid(e);
                }
                spec.set("AvailableLabels", labels(spec, namespace, true));
                spec.set("ConsumedLabels", labels(spec, namespace, false));
            }
            case IP_SET -> {
                if (old != null) {
                    spec.set("IPAddressVersion", old.spec().path("IPAddressVersion"));
                }
                boolean v4 = "IPV4".equals(spec.path("IPAddressVersion").asText());
                for (JsonNode address : spec.path("Addresses")) {
                    checkAddress(address.asText(), v4);
                }
            }
            case REGEX_PATTERN_SET -> {
                for (JsonNode regex : spec.path("RegularExpressionList")) {
                    try {
                        Pattern.compile(regex.path("RegexString").asText());
                    } catch (IllegalArgumentException e) {
                        throw WafErrors.invalidParameter("REGEX_PATTERN_SET", regex.path("RegexString").asText(),
                                "The regular expression isn't valid");
                    }
                }
            }
        }
    }

    /** Refuses references to sets or rule groups that do not exist (in this account, region and scope). */
    private void checkReferences(RequestContext context, String wafScope, JsonNode spec) {
        Scope scope = WafScopes.of(context);
        for (String arn : References.of(spec)) {
            Optional<WafResource> target = byArn(scope, arn);
            if (target.isEmpty() || !target.get().wafScope().equals(wafScope)) {
                throw WafErrors.nonexistent();
            }
        }
    }

    private static void checkAddress(String cidr, boolean v4) {
        boolean ok = v4 ? IPV4_CIDR.matcher(cidr).matches() : IPV6_CIDR.matcher(cidr).matches() && ipv6Literal(cidr);
        if (!ok) {
            throw WafErrors.invalidParameter("IP_ADDRESS", cidr, "The IP address isn't valid");
        }
    }

    private static boolean ipv6Literal(String cidr) {
        String host = cidr.substring(0, cidr.indexOf('/'));
        if (!host.contains(":")) {
            return false;
        }
        try {
            // A literal with colons is parsed, never looked up.
            return InetAddress.getByName(host).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * A rule group's labels, fully qualified: those its rules add ({@code RuleLabels}) or those they
     * match ({@code LabelMatchStatement} keys of scope LABEL).
     */
    private static ArrayNode labels(JsonNode spec, String namespace, boolean added) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode rule : spec.path("Rules")) {
            if (added) {
                rule.path("RuleLabels").forEach(l -> names.add(qualify(l.path("Name").asText(), namespace)));
            } else {
                rule.findValues("LabelMatchStatement").forEach(s -> {
                    if ("LABEL".equals(s.path("Scope").asText())) {
                        names.add(qualify(s.path("Key").asText(), namespace));
                    }
                });
            }
        }
        ArrayNode out = WafJson.MAPPER.createArrayNode();
        names.forEach(n -> out.addObject().put("Name", n));
        return out;
    }

    private static String qualify(String label, String namespace) {
        return label.startsWith("awswaf:") ? label : namespace + label;
    }
}
