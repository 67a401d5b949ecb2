package dev.haneul.wafv2.engine.managed;

import static dev.haneul.wafv2.engine.managed.RuleJson.allCookies;
import static dev.haneul.wafv2.engine.managed.RuleJson.allHeaders;
import static dev.haneul.wafv2.engine.managed.RuleJson.body;
import static dev.haneul.wafv2.engine.managed.RuleJson.byteMatch;
import static dev.haneul.wafv2.engine.managed.RuleJson.field;
import static dev.haneul.wafv2.engine.managed.RuleJson.ipSet;
import static dev.haneul.wafv2.engine.managed.RuleJson.not;
import static dev.haneul.wafv2.engine.managed.RuleJson.regex;
import static dev.haneul.wafv2.engine.managed.RuleJson.singleHeader;
import static dev.haneul.wafv2.engine.managed.RuleJson.size;
import static dev.haneul.wafv2.engine.managed.RuleJson.sqli;
import static dev.haneul.wafv2.engine.managed.RuleJson.xss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.haneul.wafv2.engine.ManagedRuleGroupDefinition;
import dev.haneul.wafv2.engine.ManagedRuleGroupInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AWS managed rule groups with AWS's names, rule names, label namespaces, labels and WCUs (WAF
 * developer guide, aws-managed-rule-groups-baseline / -use-case / -ip-rep). Each rule is AWS rule
 * JSON compiled like a customer's; rules default to Block (AWSManagedIPDDoSList to Count), as AWS
 * documents. Versions: every versioned group offers {@code Version_1.0} only (its rules here are
 * this engine's; AWS's version history is not reproduced).
 */
public final class AwsManagedRuleGroups {

    static final String VERSION = "Version_1.0";
    /** When the local versions were "published" (epoch seconds; fixed so that listings are stable). */
    static final long PUBLISHED = 1_700_000_000L;

    /** The IP lists of AWSManagedRulesAmazonIpReputationList: local, documented in docs/waf.md. */
    static final String REPUTATION_ARN = "arn:aws:wafv2:us-east-1:aws:managed/ipset/AWSManagedIPReputationList";
    static final String RECON_ARN = "arn:aws:wafv2:us-east-1:aws:managed/ipset/AWSManagedReconnaissanceList";
    static final String DDOS_ARN = "arn:aws:wafv2:us-east-1:aws:managed/ipset/AWSManagedIPDDoSList";
    static final List<String> REPUTATION_LIST = List.of("127.66.0.0/16", "198.51.100.128/25");
    static final List<String> RECON_LIST = List.of("127.67.0.0/16", "203.0.113.128/25");
    static final List<String> DDOS_LIST = List.of("127.68.0.0/16", "192.0.2.128/25");

    private static final String[] DECODE = {"URL_DECODE", "HTML_ENTITY_DECODE"};
    private static final String[] DECODE_LOWER = {"URL_DECODE_UNI", "HTML_ENTITY_DECODE", "LOWERCASE"};

    private AwsManagedRuleGroups() {
    }

    public static List<ManagedRuleGroupDefinition> definitions() {
        return List.of(common(), sqlDatabase(), knownBadInputs(), linux(), unix(), adminProtection(), ipReputation());
    }

    /** Collects a group's rules and describes it from them. */
    private static final class Group {
        private final String name;
        private final String description;
        private final long capacity;
        private final String namespace;
        private final ArrayNode rules = RuleJson.array();
        private final List<ManagedRuleGroupInfo.RuleSummary> summaries = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();

        Group(String name, String description, long capacity, String namespace) {
            this.name = name;
            this.description = description;
            this.capacity = capacity;
            this.namespace = namespace;
        }

        Group rule(String ruleName, JsonNode statement, String label) {
            return rule(ruleName, statement, label, "Block");
        }

        Group rule(String ruleName, JsonNode statement, String label, String action) {
            rules.add(RuleJson.rule(ruleName, rules.size(), statement, action, label));
            summaries.add(new ManagedRuleGroupInfo.RuleSummary(ruleName, action.toUpperCase(Locale.ROOT)));
            labels.add(namespace + label);
            return this;
        }

        ManagedRuleGroupDefinition build(boolean versioned, Map<String, List<String>> ipSets) {
            ManagedRuleGroupInfo info = new ManagedRuleGroupInfo("AWS", name, description, versioned,
                    versioned ? List.of(new ManagedRuleGroupInfo.Version(VERSION, PUBLISHED)) : List.of(),
                    versioned ? VERSION : "", capacity, namespace, summaries, labels, List.of());
            return new ManagedRuleGroupDefinition(info, rules, ipSets);
        }
    }

    static ManagedRuleGroupDefinition common() {
        Group g = new Group("AWSManagedRulesCommonRuleSet", "Contains rules that are generally applicable to web "
                + "applications. This provides protection against exploitation of a wide range of vulnerabilities, "
                + "including those described in OWASP publications.", 700, "awswaf:managed:aws:core-rule-set:");
        ObjectNode uri = field("UriPath");
        ObjectNode args = field("AllQueryArguments");
        g.rule("NoUserAgent_HEADER", not(size(singleHeader("user-agent"), "GT", 0)), "NoUserAgent_Header");
        g.rule("UserAgent_BadBots_HEADER", regex(singleHeader("user-agent"), Signatures.BAD_BOTS, "LOWERCASE"),
                "BadBots_Header");
        g.rule("SizeRestrictions_QUERYSTRING", size(field("QueryString"), "GT", 2048), "SizeRestrictions_QueryString");
        g.rule("SizeRestrictions_Cookie_HEADER", size(singleHeader("cookie"), "GT", 10240),
                "SizeRestrictions_Cookie_Header");
        g.rule("SizeRestrictions_BODY", size(RuleJson.obj().set("Body", RuleJson.obj().put("OversizeHandling", "MATCH")),
                "GT", 8192), "SizeRestrictions_Body");
        g.rule("SizeRestrictions_URIPATH", size(uri, "GT", 1024), "SizeRestrictions_URIPath");
        g.rule("EC2MetaDataSSRF_BODY", regex(body(), Signatures.EC2_METADATA, DECODE_LOWER), "EC2MetaDataSSRF_Body");
        g.rule("EC2MetaDataSSRF_COOKIE", regex(allCookies(), Signatures.EC2_METADATA, DECODE_LOWER),
                "EC2MetaDataSSRF_Cookie");
        g.rule("EC2MetaDataSSRF_URIPATH", regex(uri, Signatures.EC2_METADATA, DECODE_LOWER), "EC2MetaDataSSRF_URIPath");
        g.rule("EC2MetaDataSSRF_QUERYARGUMENTS", regex(args, Signatures.EC2_METADATA, DECODE_LOWER),
                "EC2MetaDataSSRF_QueryArguments");
        g.rule("GenericLFI_QUERYARGUMENTS", regex(args, Signatures.PATH_TRAVERSAL, "URL_DECODE_UNI", "URL_DECODE_UNI"),
                "GenericLFI_QueryArguments");
        g.rule("GenericLFI_URIPATH", regex(uri, Signatures.PATH_TRAVERSAL, "URL_DECODE_UNI", "URL_DECODE_UNI"),
                "GenericLFI_URIPath");
        g.rule("GenericLFI_BODY", regex(body(), Signatures.PATH_TRAVERSAL, "URL_DECODE_UNI", "URL_DECODE_UNI"),
                "GenericLFI_Body");
        g.rule("RestrictedExtensions_URIPATH", regex(uri, Signatures.RESTRICTED_EXTENSIONS_PATH, DECODE_LOWER),
                "RestrictedExtensions_URIPath");
        g.rule("RestrictedExtensions_QUERYARGUMENTS", regex(args, Signatures.RESTRICTED_EXTENSIONS_ARG, DECODE_LOWER),
                "RestrictedExtensions_QueryArguments");
        g.rule("GenericRFI_QUERYARGUMENTS", regex(args, Signatures.RFI, DECODE_LOWER), "GenericRFI_QueryArguments");
        g.rule("GenericRFI_BODY", regex(body(), Signatures.RFI, DECODE_LOWER), "GenericRFI_Body");
        g.rule("GenericRFI_URIPATH", regex(uri, Signatures.RFI, DECODE_LOWER), "GenericRFI_URIPath");
        g.rule("CrossSiteScripting_COOKIE", xss(allCookies(), DECODE), "CrossSiteScripting_Cookie");
        g.rule("CrossSiteScripting_QUERYARGUMENTS", xss(args, DECODE), "CrossSiteScripting_QueryArguments");
        g.rule("CrossSiteScripting_BODY", xss(body(), DECODE), "CrossSiteScripting_Body");
        g.rule("CrossSiteScripting_URIPATH", xss(uri, DECODE), "CrossSiteScripting_URIPath");
        return g.build(true, Map.of());
    }

    static ManagedRuleGroupDefinition sqlDatabase() {
        Group g = new Group("AWSManagedRulesSQLiRuleSet", "Contains rules that allow you to block request patterns "
                + "associated with exploitation of SQL databases, like SQL injection attacks.", 200,
                "awswaf:managed:aws:sql-database:");
        ObjectNode args = field("AllQueryArguments");
        g.rule("SQLi_QUERYARGUMENTS", sqli(args, "LOW", DECODE), "SQLi_QueryArguments");
        g.rule("SQLiExtendedPatterns_QUERYARGUMENTS", sqli(args, "HIGH", "URL_DECODE", "HTML_ENTITY_DECODE",
                "REPLACE_COMMENTS"), "SQLiExtendedPatterns_QueryArguments");
        g.rule("SQLi_BODY", sqli(body(), "LOW", DECODE), "SQLi_Body");
        g.rule("SQLiExtendedPatterns_BODY", sqli(body(), "HIGH", "URL_DECODE", "HTML_ENTITY_DECODE",
                "REPLACE_COMMENTS"), "SQLiExtendedPatterns_Body");
        g.rule("SQLi_COOKIE", sqli(allCookies(), "LOW", DECODE), "SQLi_Cookie");
        g.rule("SQLi_URIPATH", sqli(field("UriPath"), "LOW", "URL_DECODE"), "SQLi_URIPath");
        return g.build(true, Map.of());
    }

    static ManagedRuleGroupDefinition knownBadInputs() {
        Group g = new Group("AWSManagedRulesKnownBadInputsRuleSet", "Contains rules that allow you to block request "
                + "patterns that are known to be invalid and are associated with exploitation or discovery of "
                + "vulnerabilities. This can help reduce the risk of a malicious actor discovering a vulnerable "
                + "application.", 200, "awswaf:managed:aws:known-bad-inputs:");
        g.rule("JavaDeserializationRCE_HEADER", regex(allHeaders(), Signatures.JAVA_DESERIALIZATION, DECODE_LOWER),
                "JavaDeserializationRCE_Header");
        g.rule("JavaDeserializationRCE_BODY", regex(body(), Signatures.JAVA_DESERIALIZATION, DECODE_LOWER),
                "JavaDeserializationRCE_Body");
        g.rule("JavaDeserializationRCE_URIPATH", regex(field("UriPath"), Signatures.JAVA_DESERIALIZATION, DECODE_LOWER),
                "JavaDeserializationRCE_URIPath");
        g.rule("JavaDeserializationRCE_QUERYSTRING", regex(field("QueryString"), Signatures.JAVA_DESERIALIZATION,
                DECODE_LOWER), "JavaDeserializationRCE_QueryString");
        // ALB DNS names here are loopback addresses from the address range (127.10.x.y): only the names
        // that mean "this host" count, or every local request would be blocked.
        g.rule("Host_localhost_HEADER", regex(singleHeader("host"),
                "^(?:localhost|localhost\\.localdomain|ip6-localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\]|0)(?::\\d+)?$",
                "LOWERCASE"), "Host_Localhost_Header");
        g.rule("PROPFIND_METHOD", byteMatch(field("Method"), "PROPFIND", "EXACTLY", "UPPERCASE"), "Propfind_Method");
        g.rule("ExploitablePaths_URIPATH", regex(field("UriPath"), Signatures.EXPLOITABLE_PATHS, DECODE_LOWER),
                "ExploitablePaths_URIPath");
        g.rule("Log4JRCE_HEADER", regex(allHeaders(), Signatures.LOG4J, DECODE_LOWER), "Log4JRCE_Header");
        g.rule("Log4JRCE_QUERYSTRING", regex(field("QueryString"), Signatures.LOG4J, DECODE_LOWER),
                "Log4JRCE_QueryString");
        g.rule("Log4JRCE_BODY", regex(body(), Signatures.LOG4J, DECODE_LOWER), "Log4JRCE_Body");
        g.rule("Log4JRCE_URIPATH", regex(field("UriPath"), Signatures.LOG4J, DECODE_LOWER), "Log4JRCE_URIPath");
        return g.build(true, Map.of());
    }

    static ManagedRuleGroupDefinition linux() {
        Group g = new Group("AWSManagedRulesLinuxRuleSet", "Contains rules that block request patterns associated "
                + "with exploitation of vulnerabilities specific to Linux, including LFI attacks. This can help "
                + "prevent attacks that expose file contents or execute code for which the attacker should not "
                + "have had access.", 200, "awswaf:managed:aws:linux-os:");
        String[] t = {"URL_DECODE_UNI", "URL_DECODE_UNI", "NORMALIZE_PATH", "LOWERCASE"};
        g.rule("LFI_URIPATH", regex(field("UriPath"), Signatures.LINUX_FILES, t), "LFI_URIPath");
        g.rule("LFI_QUERYSTRING", regex(field("QueryString"), Signatures.LINUX_FILES, "URL_DECODE_UNI",
                "URL_DECODE_UNI", "LOWERCASE"), "LFI_QueryString");
        g.rule("LFI_HEADER", regex(allHeaders(), Signatures.LINUX_FILES, "URL_DECODE_UNI", "LOWERCASE"), "LFI_Header");
        return g.build(true, Map.of());
    }

    static ManagedRuleGroupDefinition unix() {
        Group g = new Group("AWSManagedRulesUnixRuleSet", "Contains rules that block request patterns associated "
                + "with exploiting vulnerabilities specific to POSIX/POSIX-like OS, including LFI attacks. This can "
                + "help prevent attacks that expose file contents or execute code for which access should not been "
                + "allowed.", 100, "awswaf:managed:aws:posix-os:");
        g.rule("UNIXShellCommandsVariables_QUERYARGUMENTS", regex(field("AllQueryArguments"), Signatures.UNIX_SHELL,
                "URL_DECODE_UNI", "HTML_ENTITY_DECODE", "CMD_LINE_UNIX"), "UNIXShellCommandsVariables_QUERYARGUMENTS");
        g.rule("UNIXShellCommandsVariables_BODY", regex(body(), Signatures.UNIX_SHELL, "URL_DECODE_UNI",
                "HTML_ENTITY_DECODE", "CMD_LINE_UNIX"), "UNIXShellCommandsVariables_BODY");
        return g.build(true, Map.of());
    }

    static ManagedRuleGroupDefinition adminProtection() {
        Group g = new Group("AWSManagedRulesAdminProtectionRuleSet", "Contains rules that allow you to block "
                + "external access to exposed admin pages. This may be useful if you are running third-party "
                + "software or would like to reduce the risk of a malicious actor gaining administrative access "
                + "to your application.", 100, "awswaf:managed:aws:admin-protection:");
        g.rule("AdminProtection_URIPATH", regex(field("UriPath"), Signatures.ADMIN_PATHS, "URL_DECODE_UNI",
                "NORMALIZE_PATH", "LOWERCASE"), "AdminProtection_URIPath");
        return g.build(true, Map.of());
    }

    static ManagedRuleGroupDefinition ipReputation() {
        Group g = new Group("AWSManagedRulesAmazonIpReputationList", "This group contains rules that are based on "
                + "Amazon threat intelligence. This is useful if you would like to block sources associated with "
                + "bots or other threats.", 25, "awswaf:managed:aws:amazon-ip-list:");
        g.rule("AWSManagedIPReputationList", ipSet(REPUTATION_ARN), "AWSManagedIPReputationList");
        g.rule("AWSManagedReconnaissanceList", ipSet(RECON_ARN), "AWSManagedReconnaissanceList");
        g.rule("AWSManagedIPDDoSList", ipSet(DDOS_ARN), "AWSManagedIPDDoSList", "Count");
        return g.build(false, Map.of(REPUTATION_ARN, REPUTATION_LIST, RECON_ARN, RECON_LIST, DDOS_ARN, DDOS_LIST));
    }
}
