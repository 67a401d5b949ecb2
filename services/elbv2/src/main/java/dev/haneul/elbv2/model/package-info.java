/**
 * ELBv2's persisted state: immutable records of load balancers, listeners, rules and target groups,
 * held per account and region by {@link dev.haneul.elbv2.model.Elbv2State}. Everything is non-null
 * unless documented otherwise.
 */
@NullMarked
package dev.haneul.elbv2.model;

import org.jspecify.annotations.NullMarked;
