package dev.haneul.core.protocol.query;

import dev.haneul.core.protocol.Member;
import dev.haneul.core.protocol.ProtocolException;
import dev.haneul.core.protocol.Scalars;
import dev.haneul.core.protocol.Shape;
import dev.haneul.core.protocol.TimestampFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns the flat parameters of a {@code query}- or {@code ec2}-protocol request into a value tree of
 * the operation's input shape.
 *
 * <p>The parameters are first folded into a tree on their dots ({@code Filters.Filter.1.Name}
 * becomes Filters → Filter → 1 → Name), then that tree is walked with the shape. Walking the shape
 * rather than the keys is what makes the wire names right: a member is looked up by its
 * {@code locationName}, a non-flattened list by its member's {@code locationName} (default
 * {@code member}), a flattened list directly by index, a map by {@code entry.N.key}/{@code value}
 * (or the model's names, and without {@code entry} when flattened). List indices need not be
 * contiguous; they are read in numeric order. A list sent as just its name with an empty value
 * ({@code Names=}) is the empty list. Parameters the shape does not know are ignored, as AWS does.
 *
 * <p>The {@link Dialect#EC2 ec2} dialect names members by {@code queryName}, else by their
 * {@code locationName}, else by the member name, with the first letter upper-cased, and sends every
 * list as {@code Name.N} (no {@code member} segment, list member names ignored).
 */
public final class QueryDecoder {

    /** The parameter naming rules of the two query protocols. */
    public enum Dialect { QUERY, EC2 }

    private final Dialect dialect;

    private QueryDecoder(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Decodes {@code params} (names to values, in request order; a name given twice keeps its
     * first value) against {@code input}.
     *
     * @throws ProtocolException when a value has the wrong type
     */
    public static Map<String, Object> decode(Shape input, Map<String, List<String>> params) {
        return decode(input, params, Dialect.QUERY);
    }

    /** The same, with the naming rules of {@code dialect}. */
    public static Map<String, Object> decode(Shape input, Map<String, List<String>> params, Dialect dialect) {
        Node root = new Node();
        params.forEach((name, values) -> {
            if (!values.isEmpty()) {
                root.put(name, values.get(0));
            }
        });
        return new QueryDecoder(dialect).structure(input, root, "");
    }

    private String parameterName(Member member) {
        if (dialect == Dialect.QUERY) {
            return member.wireName();
        }
        if (member.queryName().isPresent()) {
            return member.queryName().get();
        }
        String name = member.locationName().orElse(member.name());
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private Map<String, Object> structure(Shape shape, Node node, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Member member : shape.members().values()) {
            String name = parameterName(member);
            Node child = node.child(name);
            if (child != null) {
                String childPath = path.isEmpty() ? name : path + "." + name;
                out.put(member.name(), value(member, child, childPath));
            }
        }
        return out;
    }

    private Object value(Member member, Node node, String path) {
        Shape shape = member.shape();
        return switch (shape.type()) {
            case STRUCTURE -> structure(shape, node, path);
            case LIST -> list(member, node, path);
            case MAP -> map(member, node, path);
            default -> {
                if (node.value == null) {
                    throw new ProtocolException(ProtocolException.Kind.INVALID_VALUE, path,
                            "Parameter " + path + " must have a value.");
                }
                yield Scalars.parse(member, node.value, path, TimestampFormat.ISO8601);
            }
        };
    }

    private List<Object> list(Member member, Node node, String path) {
        Member item = member.shape().listMember();
        Node items;
        String itemsPath;
        if (member.flattened() || dialect == Dialect.EC2) {
            items = node;
            itemsPath = path;
        } else {
            String itemName = item.locationName().orElse("member");
            items = node.child(itemName);
            itemsPath = path + "." + itemName;
        }
        List<Object> out = new ArrayList<>();
        if (items != null) {
            for (Map.Entry<Integer, Node> e : items.indexed().entrySet()) {
                out.add(value(item, e.getValue(), itemsPath + "." + e.getKey()));
            }
        }
        return out;
    }

    private Map<String, Object> map(Member member, Node node, String path) {
        Shape shape = member.shape();
        Node entries = member.flattened() ? node : node.child("entry");
        String entriesPath = member.flattened() ? path : path + ".entry";
        String keyName = shape.mapKey().locationName().orElse("key");
        String valueName = shape.mapValue().locationName().orElse("value");
        Map<String, Object> out = new LinkedHashMap<>();
        if (entries != null) {
            for (Map.Entry<Integer, Node> e : entries.indexed().entrySet()) {
                String entryPath = entriesPath + "." + e.getKey();
                Node key = e.getValue().child(keyName);
                if (key == null || key.value == null) {
                    throw new ProtocolException(ProtocolException.Kind.INVALID_VALUE, entryPath,
                            "Map entry " + entryPath + " has no " + keyName + ".");
                }
                Node value = e.getValue().child(valueName);
                out.put(key.value, value == null ? null : value(shape.mapValue(), value, entryPath + "." + valueName));
            }
        }
        return out;
    }

    /** One segment of the dotted parameter names. */
    private static final class Node {
        private @Nullable String value;
        private @Nullable Map<String, Node> children;

        void put(String name, String v) {
            Node node = this;
            int start = 0;
            while (true) {
                int dot = name.indexOf('.', start);
                String segment = dot < 0 ? name.substring(start) : name.substring(start, dot);
                if (node.children == null) {
                    node.children = new LinkedHashMap<>();
                }
                node = node.children.computeIfAbsent(segment, s -> new Node());
                if (dot < 0) {
                    break;
                }
                start = dot + 1;
            }
            if (node.value == null) {
                node.value = v;
            }
        }

        @Nullable Node child(String name) {
            return children == null ? null : children.get(name);
        }

        /** Children whose names are positive integers, in numeric order. */
        TreeMap<Integer, Node> indexed() {
            TreeMap<Integer, Node> out = new TreeMap<>();
            if (children != null) {
                children.forEach((name, node) -> {
                    int index = parseIndex(name);
                    if (index > 0) {
                        out.put(index, node);
                    }
                });
            }
            return out;
        }

        private static int parseIndex(String name) {
            if (name.isEmpty() || name.length() > 9) {
                return -1;
            }
            int n = 0;
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }
}
