package dev.haneul.rds.engine;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MariaDB GTID position such as {@code 0-3-1207,1-2-5}: per replication domain, the last
 * transaction (originating server and sequence number). Haneul's clusters use domain 0 only, and
 * within a domain sequence numbers grow across failovers, so "has applied at least as much" is a
 * per-domain comparison of sequence numbers.
 */
public record GtidPosition(Map<Long, Gtid> domains) {

    /** One transaction id: {@code domain-server-sequence}. */
    public record Gtid(long domain, long server, long sequence) {
        @Override
        public String toString() {
            return domain + "-" + server + "-" + sequence;
        }
    }

    public static final GtidPosition EMPTY = new GtidPosition(Map.of());

    public GtidPosition {
        domains = Collections.unmodifiableMap(new TreeMap<>(domains));
    }

    /** Parses MariaDB's text form; blank is the empty position. */
    public static GtidPosition parse(String text) {
        requireNonNull(text, "text");
        Map<Long, Gtid> domains = new TreeMap<>();
        for (String part : text.split(",")) {
            String gtid = part.strip();
            if (gtid.isEmpty()) {
                continue;
            }
            String[] fields = gtid.split("-");
            if (fields.length != 3) {
                throw new IllegalArgumentException("GTID position: '" + text + "' (expected: domain-server-sequence,...)");
            }
            Gtid parsed = new Gtid(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
            domains.merge(parsed.domain(), parsed, (a, b) -> a.sequence() >= b.sequence() ? a : b);
        }
        return new GtidPosition(domains);
    }

    /**
     * The GTIDs of a binary log state ({@code @@gtid_binlog_state}), which keeps the last
     * transaction of every (domain, server) pair rather than only the last per domain.
     */
    public static List<Gtid> parseState(String text) {
        List<Gtid> gtids = new ArrayList<>();
        for (String part : text.split(",")) {
            String gtid = part.strip();
            if (!gtid.isEmpty()) {
                String[] fields = gtid.split("-");
                if (fields.length != 3) {
                    throw new IllegalArgumentException("GTID state: '" + text + "' (expected: domain-server-sequence,...)");
                }
                gtids.add(new Gtid(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2])));
            }
        }
        return gtids;
    }

    public boolean isEmpty() {
        return domains.isEmpty();
    }

    /** The sequence number reached in {@code domain}; 0 when none. */
    public long sequence(long domain) {
        Gtid gtid = domains.get(domain);
        return gtid == null ? 0 : gtid.sequence();
    }

    /** Whether this position includes every transaction of {@code other}. */
    public boolean covers(GtidPosition other) {
        return other.domains.values().stream().allMatch(g -> sequence(g.domain()) >= g.sequence());
    }

    /** Total transactions counted over all domains, to rank replicas by progress. */
    public long progress() {
        return domains.values().stream().mapToLong(Gtid::sequence).sum();
    }

    @Override
    public String toString() {
        return String.join(",", domains.values().stream().map(Gtid::toString).toList());
    }
}
