package dev.haneul.wafv2.api;

import dev.haneul.core.api.RequestContext;
import dev.haneul.core.state.Scope;
import dev.haneul.core.state.ScopedStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource, UntagResource and ListTagsForResource on web ACLs, IP sets, regex pattern sets and rule groups. */
final class TagOperations {

    private static final int MAX_TAGS = 50;

    private final ScopedStore<WafState> store;
    private final ResourceOperations resources;

    TagOperations(ScopedStore<WafState> store, ResourceOperations resources) {
        this.store = store;
        this.resources = resources;
    }

    Map<String, Object> tag(RequestContext context, Map<String, Object> input) {
        String arn = existing(context, input);
        Map<String, String> added = ResourceOperations.tags(input);
        store.write(WafScopes.of(context), state -> {
            Map<String, String> tags = new LinkedHashMap<>(state.tags().getOrDefault(arn, Map.of()));
            tags.putAll(added);
            if (tags.size() > MAX_TAGS) {
                throw WafErrors.TAG_OPERATION.error("The number of tags exceeds the limit of " + MAX_TAGS + ".");
            }
            state.tags().put(arn, tags);
            return null;
        });
        return Map.of();
    }

    Map<String, Object> untag(RequestContext context, Map<String, Object> input) {
        String arn = existing(context, input);
        List<?> keys = input.get("TagKeys") instanceof List<?> list ? list : List.of();
        store.write(WafScopes.of(context), state -> {
            Map<String, String> tags = state.tags().get(arn);
            if (tags != null) {
                keys.forEach(tags::remove);
                if (tags.isEmpty()) {
                    state.tags().remove(arn);
                }
            }
            return null;
        });
        return Map.of();
    }

    Map<String, Object> list(RequestContext context, Map<String, Object> input) {
        String arn = existing(context, input);
        List<Object> tagList = new ArrayList<>();
        store.read(WafScopes.of(context), state -> state.tags().getOrDefault(arn, Map.of()))
                .forEach((key, value) -> tagList.add(Map.of("Key", key, "Value", value)));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("ResourceARN", arn);
        info.put("TagList", tagList);
        return Map.of("TagInfoForResource", info);
    }

    private String existing(RequestContext context, Map<String, Object> input) {
        String arn = String.valueOf(input.get("ResourceARN"));
        Scope scope = WafScopes.of(context);
        if (WafScopes.scopeOfArn(arn).isEmpty()) {
            throw WafErrors.invalidParameter("RESOURCE_ARN", arn, "The ARN isn't valid.");
        }
        return resources.byArn(scope, arn).orElseThrow(WafErrors::nonexistent).arn();
    }
}
