package dev.haneul.wafv2.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.haneul.core.http.HttpInspection;
import dev.haneul.core.resource.ResourceRegistry;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import dev.haneul.wafv2.engine.CompiledWebAcl;
import dev.haneul.wafv2.engine.InspectionListener;
import dev.haneul.wafv2.engine.WafValidationException;
import dev.haneul.wafv2.engine.WebAclCompiler;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts associated web ACLs into the load balancers' request path: listens for the
 * {@link HttpInspection} hooks ELBv2 publishes, keeps one compiled web ACL per associated ARN
 * (shared by every load balancer it guards, each bound to its own source id), and attaches or
 * detaches them so that what runs always matches the stored associations and specs.
 *
 * <p>{@link #changed} drops the compiled web ACLs a change touches (the web ACL itself, or a set or
 * rule group it refers to, directly or through a rule group) and re-attaches them, recompiled; the
 * rate-based counters of a recompiled web ACL start again (see docs/fidelity.md). A load balancer
 * that goes away takes its association with it, as AWS does.
 */
final class AclDeployment implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AclDeployment.class);

    private final ScopedStore<WafState> store;
    private final WebAclCompiler compiler;
    private final ResourceOperations resources;
    private final InspectionListener listener;
    private final Map<String, HttpInspection> hooks = new ConcurrentHashMap<>();
    /** Web ACL ARN → compiled, unbound. */
    private final Map<String, CompiledWebAcl> compiled = new HashMap<>();
    /** Resource ARN → the web ACL attached to it now. */
    private final Map<String, CompiledWebAcl> attached = new HashMap<>();
    /** Each attached (bound) view → the compiled web ACL it was bound from. */
    private final Map<CompiledWebAcl, CompiledWebAcl> boundFrom = new IdentityHashMap<>();
    private ResourceRegistry.@Nullable Subscription subscription;

    AclDeployment(ScopedStore<WafState> store, WebAclCompiler compiler, ResourceOperations resources,
                  InspectionListener listener) {
        this.store = store;
        this.compiler = compiler;
        this.resources = resources;
        this.listener = listener;
    }

    /** Starts following the load balancers' hooks; every one already published is attached at once. */
    void start(ResourceRegistry registry) {
        subscription = registry.subscribe(HttpInspection.class, new ResourceRegistry.Listener<>() {
            @Override
            public void published(String arn, HttpInspection hook) {
                hooks.put(arn, hook);
                sync();
            }

            @Override
            public void withdrawn(String arn) {
                hooks.remove(arn);
                forget(arn);
                Thread.ofVirtual().name("wafv2-withdrawn").start(() -> dropAssociation(arn));
            }
        });
    }

    /** Whether a load balancer (or other protected resource) with this ARN is there to associate with. */
    boolean exists(String resourceArn) {
        return hooks.containsKey(resourceArn);
    }

    /** The web ACL now protecting {@code resourceArn}, compiled (for GetRateBasedStatementManagedKeys). */
    synchronized @Nullable CompiledWebAcl compiledFor(String webAclArn) {
        return compiled.get(webAclArn);
    }

    /** Recompiles what {@code arn}'s change touches and brings every load balancer in line with the state. */
    void changed(String arn) {
        synchronized (this) {
            compiled.keySet().removeIf(acl -> acl.equals(arn) || touches(acl, arn));
        }
        sync();
    }

    /** Attaches to each hook the web ACL associated with it, compiled; detaches the others. */
    synchronized void sync() {
        Map<String, String> associations = new HashMap<>();
        store.forEach((scope, state) -> associations.putAll(state.associations()));
        compiled.keySet().retainAll(Set.copyOf(associations.values()));
        for (Map.Entry<String, HttpInspection> hook : hooks.entrySet()) {
            String resourceArn = hook.getKey();
            String aclArn = associations.get(resourceArn);
            CompiledWebAcl acl = aclArn == null ? null : compile(aclArn);
            CompiledWebAcl current = attached.get(resourceArn);
            if (acl == null && current == null || acl != null && current != null && boundFrom.get(current) == acl) {
                continue;
            }
            CompiledWebAcl wanted = acl == null ? null : acl.bind(resourceArn, listener);
            hook.getValue().attach(wanted);
            if (current != null) {
                boundFrom.remove(current);
            }
            if (wanted == null) {
                attached.remove(resourceArn);
                log.info("wafv2 - web ACL detached from {}", resourceArn);
            } else {
                attached.put(resourceArn, wanted);
                boundFrom.put(wanted, acl);
                log.info("wafv2 - web ACL {} attached to {}", aclArn, resourceArn);
            }
        }
        attached.keySet().retainAll(hooks.keySet());
    }

    private @Nullable CompiledWebAcl compile(String aclArn) {
        CompiledWebAcl acl = compiled.get(aclArn);
        if (acl != null) {
            return acl;
        }
        JsonNode spec = resources.byArn(aclArn).map(WafResource::spec).orElse(null);
        if (spec == null) {
            return null;
        }
        try {
            acl = compiler.compile(spec);
        } catch (WafValidationException | IllegalStateException e) {
            log.error("wafv2 - web ACL {} no longer compiles; the load balancers it guards let every request through: {}",
                    aclArn, e.getMessage());
            return null;
        }
        compiled.put(aclArn, acl);
        return acl;
    }

    /** Whether the web ACL {@code aclArn} refers to {@code arn}, directly or through one of its rule groups. */
    private boolean touches(String aclArn, String arn) {
        JsonNode spec = resources.byArn(aclArn).map(WafResource::spec).orElse(null);
        if (spec == null) {
            return true;
        }
        for (String ref : References.of(spec)) {
            if (ref.equals(arn)) {
                return true;
            }
            JsonNode group = resources.byArn(ref).map(WafResource::spec).orElse(null);
            if (group != null && References.of(group).contains(arn)) {
                return true;
            }
        }
        return false;
    }

    private synchronized void forget(String resourceArn) {
        CompiledWebAcl gone = attached.remove(resourceArn);
        if (gone != null) {
            boundFrom.remove(gone);
        }
    }

    private void dropAssociation(String resourceArn) {
        List<Scope> scopes = new ArrayList<>();
        store.forEach((scope, state) -> {
            if (state.associations().containsKey(resourceArn)) {
                scopes.add(scope);
            }
        });
        for (Scope scope : scopes) {
            try {
                store.write(scope, s -> s.associations().remove(resourceArn));
            } catch (RuntimeException e) {
                log.warn("wafv2 - could not drop the association of the deleted {}: {}", resourceArn, e.toString());
            }
        }
    }

    /** The load balancers a web ACL is attached to right now. */
    synchronized List<String> attachedTo(String aclArn) {
        return attached.entrySet().stream().filter(e -> Objects.equals(e.getValue().arn(), aclArn))
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public void close() {
        ResourceRegistry.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
