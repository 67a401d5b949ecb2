package dev.haneul.dashboard;

import java.util.List;
import java.util.Map;

/** Reading the AWS API's value trees (maps keyed by model member names) without casts everywhere. */
final class Trees {

    private Trees() {}

    static String string(Map<String, Object> tree, String member) {
        Object value = tree.get(member);
        return value == null ? "" : value.toString();
    }

    static int integer(Map<String, Object> tree, String member) {
        return tree.get(member) instanceof Number n ? n.intValue() : 0;
    }

    static boolean bool(Map<String, Object> tree, String member) {
        return Boolean.TRUE.equals(tree.get(member));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> tree, String member) {
        return tree.get(member) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The structures of a list member; scalars in it are skipped. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, Object> tree, String member) {
        return tree.get(member) instanceof List<?> list
                ? list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList()
                : List.of();
    }

    /** The strings of a list member. */
    static List<String> strings(Map<String, Object> tree, String member) {
        return tree.get(member) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** {@code host:port} of an endpoint structure ({@code Address}/{@code Port}), empty when absent. */
    static String address(Map<String, Object> endpoint) {
        String host = string(endpoint, "Address");
        return host.isEmpty() ? "" : host + ":" + integer(endpoint, "Port");
    }
}
