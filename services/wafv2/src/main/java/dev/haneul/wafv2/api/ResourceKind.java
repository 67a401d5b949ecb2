package dev.haneul.wafv2.api;

/**
 * The four kinds of WAF resource that share create, get, update with a lock token, delete and
 * list: their ARN segment, the model shapes of their full and summary forms, the output member
 * that carries them, and AWS's default quota per account and region.
 */
enum ResourceKind {
    WEB_ACL("webacl", "WebACL", "WebACLs", "WebACL", 100),
    IP_SET("ipset", "IPSet", "IPSets", "IPSet", 100),
    REGEX_PATTERN_SET("regexpatternset", "RegexPatternSet", "RegexPatternSets", "RegexPatternSet", 10),
    RULE_GROUP("rulegroup", "RuleGroup", "RuleGroups", "RuleGroup", 100);

    /** The ARN's resource type: {@code arn:aws:wafv2:<region>:<account>:regional/<segment>/<name>/<id>}. */
    final String arnSegment;
    /** The shape of the full form, also the Get output member holding it. */
    final String shape;
    /** The List output member. */
    final String listMember;
    /** {@code SourceType} of WAFLimitsExceededException. */
    final String sourceType;
    final int quota;

    ResourceKind(String arnSegment, String shape, String listMember, String sourceType, int quota) {
        this.arnSegment = arnSegment;
        this.shape = shape;
        this.listMember = listMember;
        this.sourceType = sourceType;
        this.quota = quota;
    }

    String summaryShape() {
        return shape + "Summary";
    }
}
