package dev.haneul.elbv2.api;

import static dev.haneul.elbv2.api.Elbv2Store.requireTaggable;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.resource.TagRules;
import dev.haneul.core.state.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveTagsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TagDescription;

/**
 * The tag operations on load balancers, target groups, listeners and rules, with the kit's
 * {@link TagRules} ({@link Elbv2Errors#TAGS}). A change to several resources is checked for all of
 * them before any is changed. Tags never reach the data plane.
 */
final class TagService {

    private final Elbv2Store store;

    TagService(Elbv2Store store) {
        this.store = store;
    }

    /** A request's tags, checked with the kit's rules (a missing value is the empty string). */
    static Map<String, String> tags(List<Tag> tags) {
        return Elbv2Errors.TAGS.validate(tags.stream()
                .map(t -> Map.entry(t.key() == null ? "" : t.key(), t.value() == null ? "" : t.value())).toList());
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AddTags.html">AddTags</a>. */
    AddTagsResponse addTags(RequestContext context, AddTagsRequest request) {
        Map<String, String> tags = tags(request.tags());
        Elbv2Validation.checkArnCount(request.resourceArns(), "resource");
        store.changeStateOnly(Elbv2Store.scope(context), state -> {
            Map<String, Map<String, String>> merged = new LinkedHashMap<>();
            for (String arn : request.resourceArns()) {
                requireTaggable(state, arn);
                merged.put(arn, Elbv2Errors.TAGS.merge(state.tags().getOrDefault(arn, Map.of()), tags));
            }
            state.tags().putAll(merged);
            return true;
        });
        return AddTagsResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RemoveTags.html">RemoveTags</a>. */
    RemoveTagsResponse removeTags(RequestContext context, RemoveTagsRequest request) {
        store.changeStateOnly(Elbv2Store.scope(context), state -> {
            request.resourceArns().forEach(arn -> requireTaggable(state, arn));
            for (String arn : request.resourceArns()) {
                Map<String, String> left = TagRules.remove(state.tags().getOrDefault(arn, Map.of()), request.tagKeys());
                if (left.isEmpty()) {
                    state.tags().remove(arn);
                } else {
                    state.tags().put(arn, left);
                }
            }
            return true;
        });
        return RemoveTagsResponse.builder().build();
    }

    /** <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeTags.html">DescribeTags</a>. */
    DescribeTagsResponse describeTags(RequestContext context, DescribeTagsRequest request) {
        Elbv2Validation.checkArnCount(request.resourceArns(), "resource");
        List<TagDescription> out = store.read(Elbv2Store.scope(context), state -> request.resourceArns().stream().map(arn -> {
            requireTaggable(state, arn);
            return TagDescription.builder().resourceArn(arn).tags(state.tags().getOrDefault(arn, Map.of()).entrySet()
                    .stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
        }).toList());
        return DescribeTagsResponse.builder().tagDescriptions(out).build();
    }

    /** The tags of any ELBv2 resource in {@code scope}; empty when there is no such resource. */
    Optional<Map<String, String>> resourceTags(Scope scope, String arn) {
        try {
            return store.read(scope, state -> {
                requireTaggable(state, arn);
                return Optional.of(Map.copyOf(state.tags().getOrDefault(arn, Map.of())));
            });
        } catch (AwsServiceException notFound) {
            return Optional.empty();
        }
    }
}
