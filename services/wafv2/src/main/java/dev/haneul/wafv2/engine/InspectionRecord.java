package dev.haneul.wafv2.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One inspected request and what the web ACL decided, with the fields of AWS's WAF log record
 * (https://docs.aws.amazon.com/waf/latest/developerguide/logging-fields.html) and what
 * {@code GetSampledRequests} returns. Names follow the log JSON; the API serializes it.
 *
 * @param timeMillis when the request was inspected (epoch ms; the log's {@code timestamp})
 * @param webAclArn the log's {@code webaclId} (AWS puts the ARN there)
 * @param terminatingRuleId the rule's name, or {@code Default_Action}
 * @param terminatingRuleType {@code REGULAR}, {@code RATE_BASED}, {@code GROUP},
 *     {@code MANAGED_RULE_GROUP} or {@code Default_Action}
 * @param action {@code ALLOW}, {@code BLOCK}, {@code CAPTCHA} or {@code CHALLENGE} (the terminating
 *     action; a request only counted ends with the default action's)
 * @param terminatingRuleMatchDetails for SQLi/XSS matches, as AWS logs them
 * @param httpSourceName {@code ALB} (or {@code CF})
 * @param httpSourceId the load balancer's ARN (or the distribution id)
 * @param ruleGroupList one entry per rule group (or managed group) evaluated that matched something
 * @param rateBasedRuleList the rate-based rules whose limit this request's key exceeded
 * @param nonTerminatingMatchingRules the web ACL's rules that matched with Count (or CAPTCHA/Challenge
 *     that a valid token passed)
 * @param requestHeadersInserted custom request headers inserted by Allow/Count actions
 *     ({@code x-amzn-waf-} prefixed, as sent to the target)
 * @param responseCodeSent the status of a custom or default block response, CAPTCHA (405) or
 *     Challenge (202); 0 when the request went on to the target
 * @param labels every label the request carries at the end, fully qualified ({@code awswaf:...})
 * @param matchedMetricNames the VisibilityConfig metric names this request counts in (matching
 *     rules' and, when the default action applied, the web ACL's): the keys GetSampledRequests and
 *     CloudWatch metrics use
 * @param ruleNameWithinRuleGroup for a terminating rule inside a rule group, that rule's name; else null
 * @param overriddenAction the action a rule group's rule had before a RuleActionOverride or
 *     OverrideAction changed it; else null
 * @param captchaResponse the CAPTCHA token evaluation when a CAPTCHA action ran; else null
 * @param challengeResponse the Challenge token evaluation when a Challenge action ran; else null
 */
public record InspectionRecord(
        long timeMillis,
        String webAclArn,
        String terminatingRuleId,
        String terminatingRuleType,
        String action,
        List<MatchDetail> terminatingRuleMatchDetails,
        String httpSourceName,
        String httpSourceId,
        HttpRequest httpRequest,
        List<RuleGroupEntry> ruleGroupList,
        List<RateBasedEntry> rateBasedRuleList,
        List<RuleMatch> nonTerminatingMatchingRules,
        List<Header> requestHeadersInserted,
        int responseCodeSent,
        List<String> labels,
        List<String> matchedMetricNames,
        @Nullable String ruleNameWithinRuleGroup,
        @Nullable String overriddenAction,
        @Nullable TokenResponse captchaResponse,
        @Nullable TokenResponse challengeResponse) {

    public InspectionRecord {
        terminatingRuleMatchDetails = List.copyOf(terminatingRuleMatchDetails);
        ruleGroupList = List.copyOf(ruleGroupList);
        rateBasedRuleList = List.copyOf(rateBasedRuleList);
        nonTerminatingMatchingRules = List.copyOf(nonTerminatingMatchingRules);
        requestHeadersInserted = List.copyOf(requestHeadersInserted);
        labels = List.copyOf(labels);
        matchedMetricNames = List.copyOf(matchedMetricNames);
    }

    /** A header as logged: name as received, value. */
    public record Header(String name, String value) {
    }

    /**
     * The log's {@code httpRequest}.
     *
     * @param clientIp the client's address (the TCP peer; AWS logs this, not X-Forwarded-For)
     * @param country ISO 3166 alpha-2 from the local table (see docs/waf.md), {@code "-"} unknown
     * @param uri the path, without the query
     * @param args the query string, without {@code ?}
     * @param httpVersion {@code HTTP/1.1}
     * @param requestId the load balancer's request id ({@code X-Amzn-Trace-Id}) or a generated one
     * @param host the Host header, may be empty
     */
    public record HttpRequest(String clientIp, String country, List<Header> headers, String uri, String args,
                              String httpVersion, String httpMethod, String requestId, String host) {
        public HttpRequest {
            headers = List.copyOf(headers);
        }
    }

    /**
     * A detail of a SQLi/XSS (or other) match, as logged in {@code ruleMatchDetails}.
     *
     * @param conditionType {@code SQL_INJECTION}, {@code XSS}, ...
     * @param location {@code HEADER}, {@code QUERY_STRING}, {@code URI}, {@code BODY}, ...
     * @param matchedData the tokens that matched
     * @param sensitivityLevel {@code LOW}/{@code HIGH} for SQLi; else null
     */
    public record MatchDetail(String conditionType, String location, List<String> matchedData,
                              @Nullable String sensitivityLevel) {
        public MatchDetail {
            matchedData = List.copyOf(matchedData);
        }
    }

    /**
     * A rule that matched, in {@code nonTerminatingMatchingRules} or a rule group's entry.
     *
     * @param action the action applied ({@code COUNT}, ...)
     * @param overriddenAction the rule's own action when an override replaced it; else null
     */
    public record RuleMatch(String ruleId, String action, List<MatchDetail> ruleMatchDetails,
                            @Nullable String overriddenAction) {
        public RuleMatch {
            ruleMatchDetails = List.copyOf(ruleMatchDetails);
        }
    }

    /**
     * A rule group's part, in {@code ruleGroupList}.
     *
     * @param ruleGroupId {@code AWS#AWSManagedRulesCommonRuleSet} for managed groups, else the group's ARN
     * @param terminatingRule the rule that terminated inside the group; else null
     * @param excludedRules rules excluded (set to Count) by the web ACL's configuration that matched
     */
    public record RuleGroupEntry(String ruleGroupId, @Nullable RuleMatch terminatingRule,
                                 List<RuleMatch> nonTerminatingMatchingRules, List<RuleMatch> excludedRules) {
        public RuleGroupEntry {
            nonTerminatingMatchingRules = List.copyOf(nonTerminatingMatchingRules);
            excludedRules = List.copyOf(excludedRules);
        }
    }

    /**
     * A rate-based rule whose limit was exceeded, in {@code rateBasedRuleList}.
     *
     * @param limitKey {@code IP}, {@code FORWARDED_IP}, {@code CUSTOMKEYS} or {@code CONSTANT}
     * @param customValues the aggregation key's parts for custom keys (type → value)
     */
    public record RateBasedEntry(String rateBasedRuleId, String rateBasedRuleName, String limitKey,
                                 long maxRateAllowed, int evaluationWindowSec, List<Header> customValues) {
        public RateBasedEntry {
            customValues = List.copyOf(customValues);
        }
    }

    /**
     * A CAPTCHA or Challenge token evaluation.
     *
     * @param responseCode 0 for a valid token, 405 (CAPTCHA) or 202 (Challenge) when the interstitial was sent
     * @param solveTimestamp when the token was solved (epoch s), 0 without a token
     * @param failureReason {@code TOKEN_MISSING}, {@code TOKEN_EXPIRED}, {@code TOKEN_INVALID},
     *     {@code TOKEN_DOMAIN_MISMATCH}; null when valid
     */
    public record TokenResponse(int responseCode, long solveTimestamp, @Nullable String failureReason) {
    }
}
