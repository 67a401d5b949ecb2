package dev.haneul.iam.policy;

/**
 * AWS's {@code MalformedPolicyDocument} messages. Each was seen in a real AWS answer (quoted in
 * public bug reports and recorded responses) unless its comment says otherwise; see
 * docs/fidelity.md for the ones we chose.
 */
public final class PolicyMessages {

    /** IAM, for a document that is not JSON (CreatePolicy, Put*Policy). */
    public static final String SYNTAX_ERRORS = "Syntax errors in policy.";
    /** IAM, for a trust policy that is not JSON (CreateRole, recorded by LocalStack's snapshots). */
    public static final String INVALID_JSON = "This policy contains invalid Json";
    /** S3, for a bucket policy that is not a JSON object (recorded by LocalStack's snapshots). */
    public static final String FIRST_BYTE = "Policies must be valid JSON and the first byte must be '{'";
    /** A document without {@code Version} (legacy grammar) that breaks a rule. */
    public static final String LEGACY_PARSING = "The policy failed legacy parsing";
    public static final String MISSING_STATEMENT = "Missing required field Statement";
    public static final String MISSING_EFFECT = "Missing required field Effect";
    public static final String MISSING_PRINCIPAL = "Missing required field Principal";
    public static final String NO_PRINCIPAL_ALLOWED = "Policy document should not specify a principal.";
    public static final String PROHIBITED_RESOURCE = "Has prohibited field Resource";
    public static final String PROHIBITED_NOT_RESOURCE = "Has prohibited field NotResource";
    public static final String MUST_CONTAIN_ACTIONS = "Policy statement must contain actions.";
    public static final String MUST_CONTAIN_RESOURCES = "Policy statement must contain resources.";
    public static final String ONE_COLON = "Actions/Condition can contain only one colon.";
    public static final String VENDOR_PREFIX = "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
    public static final String SID_ALPHANUMERIC = "Statement IDs (SID) must be alpha-numeric. Check that your input "
            + "satisfies the regular expression [0-9A-Za-z]*";
    public static final String SID_UNIQUE = "Statement IDs (SID) in a single policy must be unique.";

    private PolicyMessages() {
    }

    /** {@code Resource x must be in ARN format or "*".} */
    public static String resourceNotArn(String resource) {
        return "Resource " + resource + " must be in ARN format or \"*\".";
    }

    /** {@code Invalid principal in policy: "AWS":"x"} (IAM's wording for trust policies). */
    public static String invalidPrincipal(String type, String value) {
        return "Invalid principal in policy: \"" + type + "\":\"" + value + "\"";
    }

    /** Chosen: AWS rejects an unknown operator; its exact wording was not found. */
    public static String invalidConditionType(String operator) {
        return "Invalid Condition type : " + operator;
    }
}
