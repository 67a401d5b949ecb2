package dev.haneul.s3.api;

import dev.haneul.s3.error.S3Error;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed reads of one operation's input value tree (member name to value, as the rest-xml codec
 * decodes it): strings, numbers, instants, nested structures and lists, each absent when the
 * request did not send it.
 */
record Input(Map<String, Object> values) {

    String bucket() {
        return required("Bucket");
    }

    String key() {
        return required("Key");
    }

    String required(String member) {
        return string(member).orElseThrow(() -> S3Error.INVALID_REQUEST.exception("Missing required " + member, Map.of()));
    }

    Optional<String> string(String member) {
        return values.get(member) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** A string member that is present and not empty. */
    Optional<String> text(String member) {
        return string(member).filter(s -> !s.isEmpty());
    }

    Optional<Integer> integer(String member) {
        return values.get(member) instanceof Number n ? Optional.of(n.intValue()) : Optional.empty();
    }

    OptionalLong length(String member) {
        return values.get(member) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    Optional<Instant> instant(String member) {
        return values.get(member) instanceof Instant i ? Optional.of(i) : Optional.empty();
    }

    boolean flag(String member) {
        return values.get(member) instanceof Boolean b && b;
    }

    Optional<Object> value(String member) {
        return Optional.ofNullable(values.get(member));
    }

    @SuppressWarnings("unchecked")
    Optional<Input> structure(String member) {
        return values.get(member) instanceof Map<?, ?> m ? Optional.of(new Input((Map<String, Object>) m)) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    List<Input> list(String member) {
        List<Input> items = new ArrayList<>();
        if (values.get(member) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    items.add(new Input((Map<String, Object>) m));
                }
            }
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> stringMap(String member) {
        return values.get(member) instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
    }

    /** An {@code x-amz-tagging} header's {@code k1=v1&k2=v2}, decoded, in order. */
    static List<Map.Entry<String, String>> tagQuery(String header) {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        for (String pair : header.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            tags.add(Map.entry(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8)));
        }
        return tags;
    }
}
