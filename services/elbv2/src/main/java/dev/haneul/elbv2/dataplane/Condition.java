package dev.haneul.elbv2.dataplane;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rule condition, already validated by the control plane. Values of one condition are OR-ed.
 * Wildcards are {@code *} (any run of characters, possibly empty) and {@code ?} (exactly one);
 * see {@link Wildcard} for the case rules of each field.
 */
public sealed interface Condition {

    /** {@code host-header}: the Host header without its port, case-insensitive, wildcards. */
    record HostHeader(List<String> values) implements Condition {
        public HostHeader {
            values = List.copyOf(requireNonNull(values, "values"));
        }
    }

    /** {@code path-pattern}: the path (not the query), case-sensitive, wildcards. */
    record PathPattern(List<String> values) implements Condition {
        public PathPattern {
            values = List.copyOf(requireNonNull(values, "values"));
        }
    }

    /** {@code http-header}: a named header (name case-insensitive), values case-insensitive, wildcards. */
    record HttpHeader(String name, List<String> values) implements Condition {
        public HttpHeader {
            requireNonNull(name, "name");
            values = List.copyOf(requireNonNull(values, "values"));
        }
    }

    /** {@code http-request-method}: exact and case-sensitive. */
    record RequestMethod(List<String> values) implements Condition {
        public RequestMethod {
            values = List.copyOf(requireNonNull(values, "values"));
        }
    }

    /**
     * {@code query-string}: key/value pairs, case-insensitive, wildcards ({@code \*} and {@code \?}
     * are literal); a pair without key matches any key's value.
     */
    record QueryString(List<KeyValue> values) implements Condition {
        public QueryString {
            values = List.copyOf(requireNonNull(values, "values"));
        }
    }

    /** {@code source-ip}: CIDR blocks (IPv4 or IPv6) matched against the client's TCP address. */
    record SourceIp(List<String> cidrs) implements Condition {
        public SourceIp {
            cidrs = List.copyOf(requireNonNull(cidrs, "cidrs"));
        }
    }

    /** One {@code query-string} value; {@code key} is {@code null} for "any key". */
    record KeyValue(@Nullable String key, String value) {
        public KeyValue {
            requireNonNull(value, "value");
        }
    }
}
