package dev.haneul.elbv2.dataplane;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which ports a listener tries, in order, on its load balancer's address:
 * <ol>
 *   <li>the port it was bound on before (so it keeps its port across restarts and changes);</li>
 *   <li>the port the API asked for;</li>
 *   <li>for a port below 1024 (which needs root, or {@code CAP_NET_BIND_SERVICE}), that port
 *       plus {@value #PRIVILEGED_OFFSET}: 80 → 8080, 443 → 8443;</li>
 *   <li>any free port (0).</li>
 * </ol>
 * The port actually bound is what {@code DescribeListeners} returns as {@code Port}.
 */
final class ListenerBinder {

    static final int PRIVILEGED_OFFSET = 8000;

    private ListenerBinder() {}

    static Set<Integer> candidates(int requested, int previous) {
        Set<Integer> ports = new LinkedHashSet<>();
        if (previous > 0) {
            ports.add(previous);
        }
        ports.add(requested);
        if (requested < 1024 && requested + PRIVILEGED_OFFSET <= 65535) {
            ports.add(requested + PRIVILEGED_OFFSET);
        }
        ports.add(0);
        return ports;
    }
}
