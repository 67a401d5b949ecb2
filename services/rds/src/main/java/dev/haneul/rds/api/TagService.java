package dev.haneul.rds.api;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.CommonErrors;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.TagRules;
import dev.haneul.core.state.Scope;
import dev.haneul.rds.model.Arns;
import dev.haneul.rds.model.CustomEndpoint;
import dev.haneul.rds.model.DbCluster;
import dev.haneul.rds.model.DbInstance;
import dev.haneul.rds.model.RdsState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceRequest;
import software.amazon.awssdk.services.rds.model.AddTagsToResourceResponse;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.rds.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceRequest;
import software.amazon.awssdk.services.rds.model.RemoveTagsFromResourceResponse;

/**
 * Tags of clusters, instances and custom endpoints, by ARN, under the kit's {@link TagRules}
 * (see {@link RdsKit#TAGS}).
 */
final class TagService {

    private final RdsStore store;

    TagService(RdsStore store) {
        this.store = requireNonNull(store, "store");
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_AddTagsToResource.html">AddTagsToResource</a>. */
    AddTagsToResourceResponse addTagsToResource(RequestContext context, AddTagsToResourceRequest request) {
        Scope scope = RdsStore.scope(context);
        Map<String, String> added = RdsKit.tags(request.tags());
        updateTags(scope, request.resourceName(), current -> RdsKit.TAGS.merge(current, added));
        return AddTagsToResourceResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ListTagsForResource.html">ListTagsForResource</a>. */
    ListTagsForResourceResponse listTagsForResource(RequestContext context, ListTagsForResourceRequest request) {
        Scope scope = RdsStore.scope(context);
        Map<String, String> tags = store.read(scope, state -> currentTags(state, scope, request.resourceName()));
        return ListTagsForResourceResponse.builder().tagList(RdsKit.shapes(tags)).build();
    }

    /** <a href="https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_RemoveTagsFromResource.html">RemoveTagsFromResource</a>. */
    RemoveTagsFromResourceResponse removeTagsFromResource(RequestContext context, RemoveTagsFromResourceRequest request) {
        Scope scope = RdsStore.scope(context);
        List<String> keys = request.hasTagKeys() ? request.tagKeys() : List.of();
        updateTags(scope, request.resourceName(), current -> TagRules.remove(current, keys));
        return RemoveTagsFromResourceResponse.builder().build();
    }

    private void updateTags(Scope scope, String arn, UnaryOperator<Map<String, String>> change) {
        Arns.Parsed parsed = parseArn(scope, arn);
        store.update(scope, state -> {
            switch (parsed.type()) {
                case Arns.CLUSTER -> {
                    DbCluster cluster = state.cluster(parsed.id()).orElseThrow(() -> RdsErrors.clusterNotFound(parsed.id()));
                    state.put(cluster.withTags(change.apply(cluster.tags())));
                }
                case Arns.INSTANCE -> {
                    DbInstance instance = state.instance(parsed.id()).orElseThrow(() -> RdsErrors.instanceNotFound(parsed.id()));
                    state.put(instance.withTags(change.apply(instance.tags())));
                }
                default -> {
                    CustomEndpoint endpoint = state.endpoint(parsed.id()).orElseThrow(() -> RdsErrors.endpointNotFound(parsed.id()));
                    state.put(endpoint.withTags(change.apply(endpoint.tags())));
                }
            }
        });
    }

    /** The tags of the resource {@code arn} names; empty when there is none (for IAM conditions). */
    Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        try {
            return store.read(scope, state -> Optional.of(currentTags(state, scope, arn)));
        } catch (AwsServiceException notFound) {
            return Optional.empty();
        }
    }

    private Map<String, String> currentTags(RdsState state, Scope scope, String arn) {
        Arns.Parsed parsed = parseArn(scope, arn);
        return switch (parsed.type()) {
            case Arns.CLUSTER -> state.cluster(parsed.id()).orElseThrow(() -> RdsErrors.clusterNotFound(parsed.id())).tags();
            case Arns.INSTANCE -> state.instance(parsed.id()).orElseThrow(() -> RdsErrors.instanceNotFound(parsed.id())).tags();
            default -> state.endpoint(parsed.id()).orElseThrow(() -> RdsErrors.endpointNotFound(parsed.id())).tags();
        };
    }

    /** An ARN of a cluster, instance or custom endpoint of the caller's account and region. */
    private static Arns.Parsed parseArn(Scope scope, String arn) {
        Arns.Parsed parsed = Arns.parse(arn == null ? "" : arn)
                .filter(p -> List.of(Arns.CLUSTER, Arns.INSTANCE, Arns.CLUSTER_ENDPOINT).contains(p.type()))
                .orElseThrow(() -> CommonErrors.invalidParameterValue("Invalid resource name: " + arn));
        if (!parsed.scope().equals(scope)) {
            throw CommonErrors.invalidParameterValue(
                    "The specified resource name does not match an RDS resource in this region.");
        }
        return new Arns.Parsed(parsed.scope(), parsed.type(), RdsValidation.lookup(parsed.id()));
    }

}
