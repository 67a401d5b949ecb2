/**
 * The AWS WAF API (json 1.1, 2019-07-29): web ACLs, IP sets, regex pattern sets and rule groups,
 * their association with load balancers, managed rule group descriptions, sampled requests and
 * logging configuration.
 */
@NullMarked
package dev.haneul.wafv2.api;

import org.jspecify.annotations.NullMarked;
