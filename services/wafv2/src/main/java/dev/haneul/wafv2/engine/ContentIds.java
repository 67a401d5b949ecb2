package dev.haneul.wafv2.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small integer ids of the distinct {@code FieldToMatch} and {@code TextTransformations} chains
 * compiled in this process, so a request's cache of transformed contents ({@link RequestView}) is
 * looked up by a pair of ints instead of by a string built and hashed per statement. Ids are
 * interned by the specification's canonical key: equal fields share one id across web ACLs. The
 * tables only grow, by one entry per distinct field or chain ever compiled (a handful per rule).
 */
final class ContentIds {

    private static final Map<String, Integer> FIELDS = new ConcurrentHashMap<>();
    private static final Map<String, Integer> TRANSFORMS = new ConcurrentHashMap<>();

    private ContentIds() {
    }

    static int field(String key) {
        return intern(FIELDS, key);
    }

    static int transforms(String key) {
        return intern(TRANSFORMS, key);
    }

    private static int intern(Map<String, Integer> table, String key) {
        Integer id = table.get(key);
        if (id != null) {
            return id;
        }
        synchronized (table) {
            return table.computeIfAbsent(key, k -> table.size());
        }
    }
}
