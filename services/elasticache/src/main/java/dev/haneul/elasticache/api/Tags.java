package dev.haneul.elasticache.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.resource.Arn;
import dev.haneul.core.resource.TagRules;
import dev.haneul.core.state.Scope;
import dev.haneul.elasticache.model.ElastiCacheState;
import dev.haneul.elasticache.runtime.CacheKey;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.elasticache.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.elasticache.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.elasticache.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.elasticache.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.elasticache.model.RemoveTagsFromResourceResponse;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * Tags of replication groups and cache clusters (members included), by ARN, with the limits of
 * {@link TagRules} and ElastiCache's errors.
 */
final class Tags {

    private final CacheStore store;
    private final ServiceErrors errors;
    private final TagRules rules;

    Tags(CacheStore store, ServiceErrors errors, Validation validation) {
        this.store = requireNonNull(store, "store");
        this.errors = requireNonNull(errors, "errors");
        this.rules = TagRules.standard(validation.tagErrors());
    }

    /** The tags of a create request, validated. */
    Map<String, String> validate(List<Tag> tags) {
        return rules.validate(tags.stream()
                .<Map.Entry<String, String>>map(t -> new AbstractMap.SimpleImmutableEntry<>(t.key(), t.value()))
                .toList());
    }

    /** Sets a new resource's tags (nothing when there are none). */
    static void put(ElastiCacheState state, String arn, Map<String, String> tags) {
        if (!tags.isEmpty()) {
            state.tags().put(arn, new LinkedHashMap<>(tags));
        }
    }

    /** <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_AddTagsToResource.html">AddTagsToResource</a>. */
    AddTagsToResourceResponse add(RequestContext context, AddTagsToResourceRequest request) {
        Scope scope = Defaults.scope(context);
        Map<String, String> added = validate(request.tags());
        List<Tag> tags = store.write(scope, state -> {
            String arn = requireTaggable(state, scope, request.resourceName());
            Map<String, String> next = rules.merge(state.tags().getOrDefault(arn, Map.of()), added);
            state.tags().put(arn, next);
            return tagList(next);
        });
        return AddTagsToResourceResponse.builder().tagList(tags).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ListTagsForResource.html">ListTagsForResource</a>. */
    ListTagsForResourceResponse list(RequestContext context, ListTagsForResourceRequest request) {
        Scope scope = Defaults.scope(context);
        List<Tag> tags = store.read(scope, state ->
                tagList(state.tags().getOrDefault(requireTaggable(state, scope, request.resourceName()), Map.of())));
        return ListTagsForResourceResponse.builder().tagList(tags).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_RemoveTagsFromResource.html">RemoveTagsFromResource</a>. */
    RemoveTagsFromResourceResponse remove(RequestContext context, RemoveTagsFromResourceRequest request) {
        Scope scope = Defaults.scope(context);
        List<Tag> tags = store.write(scope, state -> {
            String arn = requireTaggable(state, scope, request.resourceName());
            Map<String, String> current = state.tags().getOrDefault(arn, Map.of());
            for (String key : request.tagKeys()) {
                if (!current.containsKey(key)) {
                    throw errors.error("TagNotFoundFault", "Tag %s not found on %s.", key, arn);
                }
            }
            Map<String, String> next = TagRules.remove(current, request.tagKeys());
            state.tags().put(arn, next);
            return tagList(next);
        });
        return RemoveTagsFromResourceResponse.builder().tagList(tags).build();
    }

    /** A resource's tags, for policies that match on them; empty when it does not exist. */
    Optional<Map<String, String>> of(Scope scope, String arn) {
        try {
            return store.read(scope, state ->
                    Optional.of(Map.copyOf(state.tags().getOrDefault(requireTaggable(state, scope, arn), Map.of()))));
        } catch (AwsServiceException notFound) {
            return Optional.empty();
        }
    }

    private String requireTaggable(ElastiCacheState state, Scope scope, @Nullable String arn) {
        Arn parsed = (arn == null ? Optional.<Arn>empty() : Arn.parse(arn)).filter(a -> a.partition().equals(Arn.AWS)
                        && a.service().equals(ElastiCacheProvider.SERVICE) && a.isIn(scope))
                .orElseThrow(() -> errors.error("InvalidARNFault", "The ARN %s is not a valid ElastiCache ARN of %s in %s.",
                        arn, scope.accountId(), scope.region()));
        String type = parsed.resource().startsWith(parsed.resourceType() + ":") ? parsed.resourceType() : "";
        String id = parsed.resourceId();
        if (type.equals(CacheKey.Kind.GROUP.arnType())) {
            store.existingGroup(state, id);
            return parsed.toString();
        }
        if (type.equals(CacheKey.Kind.CLUSTER.arnType())) {
            if (!state.cacheClusterIdTaken(id)) {
                throw errors.error("CacheClusterNotFoundFault", "CacheCluster not found: %s", id);
            }
            return parsed.toString();
        }
        throw errors.error("InvalidARNFault", "Haneul tags only replication groups and cache clusters (%s).", arn);
    }

    private static List<Tag> tagList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }
}
