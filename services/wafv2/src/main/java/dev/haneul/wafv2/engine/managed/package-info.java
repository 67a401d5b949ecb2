/**
 * The AWS managed rule groups (AWSManagedRulesCommonRuleSet, ...SQLiRuleSet, ...KnownBadInputsRuleSet,
 * ...LinuxRuleSet, ...UnixRuleSet, ...AdminProtectionRuleSet, ...AmazonIpReputationList) with AWS's
 * names, rule names, labels and WCUs, written as AWS rule JSON and compiled like any rule group.
 */
@NullMarked
package dev.haneul.wafv2.engine.managed;

import org.jspecify.annotations.NullMarked;
