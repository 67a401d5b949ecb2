package dev.haneul.iam.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reading request value trees and building response ones, as the query codec hands them over. */
final class Trees {

    private Trees() {}

    static String string(Map<String, Object> input, String member) {
        Object value = input.get(member);
        return value == null ? "" : value.toString();
    }

    static @Nullable String optional(Map<String, Object> input, String member) {
        Object value = input.get(member);
        return value == null ? null : value.toString();
    }

    static @Nullable Integer integer(Map<String, Object> input, String member) {
        Object value = input.get(member);
        return value instanceof Number n ? n.intValue() : null;
    }

    static boolean bool(Map<String, Object> input, String member) {
        return Boolean.TRUE.equals(input.get(member));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> input, String member) {
        Object value = input.get(member);
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static List<String> strings(Map<String, Object> input, String member) {
        List<String> out = new ArrayList<>();
        for (Object item : list(input, member)) {
            out.add(String.valueOf(item));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> structures(Map<String, Object> input, String member) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list(input, member)) {
            if (item instanceof Map<?, ?> m) {
                out.add((Map<String, Object>) m);
            }
        }
        return out;
    }

    /** A {@code Tags} list ({@code Key}, {@code Value}) as an ordered map. */
    static Map<String, String> tags(Map<String, Object> input, String member) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map<String, Object> tag : structures(input, member)) {
            tags.put(string(tag, "Key"), string(tag, "Value"));
        }
        return tags;
    }

    static List<Map<String, Object>> tagList(Map<String, String> tags) {
        List<Map<String, Object>> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(Map.of("Key", k, "Value", v)));
        return out;
    }

    /** IAM returns policy documents URL-encoded (RFC 3986); the SDKs and the CLI decode them. */
    static String encodeDocument(String document) {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A mutable map, for responses whose members are optional. */
    static int count(Map<String, Object> view, String member) {
        return view.get(member) instanceof Number n ? n.intValue() : 0;
    }

    static Map<String, Object> map(@Nullable Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                out.put(String.valueOf(keysAndValues[i]), value);
            }
        }
        return out;
    }
}
