package dev.haneul.wafv2.engine;

import dev.haneul.wafv2.engine.transform.TextTransformation;
import java.util.List;

/** A statement's text transformations, in ascending priority; {@code id} names the chain in request caches. */
record Transforms(List<TextTransformation> steps, String key, int id) {

    Transforms {
        steps = List.copyOf(steps);
    }

    static Transforms of(List<TextTransformation> steps) {
        StringBuilder key = new StringBuilder();
        for (TextTransformation t : steps) {
            key.append('|').append(t.ordinal());
        }
        return new Transforms(steps, key.toString(), ContentIds.transforms(key.toString()));
    }

    String apply(String value) {
        String v = value;
        for (TextTransformation t : steps) {
            v = t.apply(v);
        }
        return v;
    }

    int size() {
        return steps.size();
    }
}
