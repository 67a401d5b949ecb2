package dev.haneul.wafv2.engine;

/**
 * Observer of every inspected request, for sampled requests, metrics and logging (the API side
 * implements it). Called on the load balancer's event loop after the verdict: it must not block
 * (hand the record to a queue).
 */
@FunctionalInterface
public interface InspectionListener {

    InspectionListener NONE = record -> { };

    void inspected(InspectionRecord record);
}
