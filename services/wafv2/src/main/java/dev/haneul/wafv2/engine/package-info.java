/**
 * The WAF rule engine: a web ACL compiled once from its AWS JSON form into statements that inspect
 * each request an associated load balancer receives (fields to match, text transformations,
 * detectors, managed rule groups, rate limits, labels) and return AWS's verdict.
 *
 * <p>It is pure code with no dependency on the API package: the API hands it a web ACL's JSON and
 * a resolver for the sets and rule groups it references.
 */
@NullMarked
package dev.haneul.wafv2.engine;

import org.jspecify.annotations.NullMarked;
