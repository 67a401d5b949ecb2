/**
 * The ELBv2 data plane: Application Load Balancer listeners as a streaming Netty HTTP reverse proxy
 * (rules, forward/redirect/fixed-response actions, target choice, stickiness cookies, health
 * checks, keep-alive pools to targets, access logs) and Network Load Balancer listeners on core's
 * TCP proxy.
 *
 * <p>Public surface: {@link dev.haneul.elbv2.dataplane.Elbv2DataPlane}, which the control plane
 * drives with immutable {@link dev.haneul.elbv2.dataplane.DataPlaneConfig} snapshots and reads
 * {@link dev.haneul.elbv2.dataplane.TargetHealthView}s back from; the configuration records; and,
 * for benchmarks and tests, {@link dev.haneul.elbv2.dataplane.RuleMatcher} and
 * {@link dev.haneul.elbv2.dataplane.StickinessCookieCodec}. Netty handlers are package-private;
 * {@link dev.haneul.elbv2.dataplane.AlbPipeline} lists them in order. This package never imports
 * the control plane. Everything is non-null unless documented otherwise.
 */
@NullMarked
package dev.haneul.elbv2.dataplane;

import org.jspecify.annotations.NullMarked;
