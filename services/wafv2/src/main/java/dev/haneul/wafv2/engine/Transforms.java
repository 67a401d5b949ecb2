package dev.haneul.wafv2.engine;

import dev.haneul.wafv2.engine.transform.TextTransformation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A statement's text transformations, in ascending priority; {@code id} names the chain in request
 * caches. {@code prefix} is the chain without its last step (null for the empty chain): chains that
 * start alike (managed rules decode the same body with URL_DECODE, HTML_ENTITY_DECODE and then
 * different last steps) share the work of their common start through the request cache.
 */
record Transforms(List<TextTransformation> steps, String key, int id, @Nullable Transforms prefix) {

    Transforms {
        steps = List.copyOf(steps);
    }

    static Transforms of(List<TextTransformation> steps) {
        StringBuilder key = new StringBuilder();
        for (TextTransformation t : steps) {
            key.append('|').append(t.ordinal());
        }
        Transforms prefix = steps.isEmpty() ? null : of(steps.subList(0, steps.size() - 1));
        return new Transforms(steps, key.toString(), ContentIds.transforms(key.toString()), prefix);
    }

    /** The last step (the chain is not empty). */
    TextTransformation last() {
        return steps.get(steps.size() - 1);
    }

    int size() {
        return steps.size();
    }
}
