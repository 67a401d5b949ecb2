package dev.haneul.lab;

import java.util.List;
import java.util.Optional;

/** Every lab, in the order {@code haneul lab list} shows them. */
public final class Labs {

    private static final List<Lab> ALL = List.of(
            new StickyVsStoreLab(),
            new NatHotspotLab(),
            new EndpointsLab(),
            new FailoverLab(),
            new SessionStoreFailureLab(),
            new WafLab(),
            new MigrationLab());

    private Labs() {}

    public static List<Lab> all() {
        return ALL;
    }

    public static Optional<Lab> find(String name) {
        return ALL.stream().filter(lab -> lab.name().equals(name)).findFirst();
    }
}
