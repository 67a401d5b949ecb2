package dev.haneul.iam.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.iam.policy.ActionTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The S3 and WAFv2 rows of the action table as a call meets them: the action each operation needs
 * (S3's names differ from its operations'), the bucket or object ARN, the {@code …Version} actions
 * a version id calls for, a copy's read of its source, WAFv2's scope-dependent ARNs and the load
 * balancer an association also needs.
 */
class S3AndWafActionsTest {

    private static final ActionTable TABLE = ActionTable.load();
    private static final String ACCOUNT = "000000000000";

    /** What IamAuthorization decides for {@code operation}: (action, resource) pairs. */
    private static List<String> checks(String prefix, String operation, Map<String, Object> input) {
        ActionTable.ServiceActions service = TABLE.service(prefix);
        List<S3Requests.Check> checks = new ArrayList<>();
        for (String action : service.actionsFor(operation)) {
            ActionTable.ActionDefinition definition = TABLE.action(action);
            ActionTable.ServiceActions owner = TABLE.service(definition.service());
            for (String resource : RequestResources.resolve(owner, definition, input, "us-east-1", ACCOUNT,
                    (type, name) -> "/")) {
                checks.add(new S3Requests.Check(action, resource));
            }
        }
        if (prefix.equals("s3")) {
            checks = S3Requests.adjust(operation, input, checks);
        }
        return checks.stream().map(c -> c.action() + " " + c.resource()).toList();
    }

    @Test
    void s3OperationsNeedTheirActionsOnBucketOrObject() {
        assertThat(checks("s3", "ListBuckets", Map.of())).containsExactly("s3:ListAllMyBuckets *");
        assertThat(checks("s3", "CreateBucket", Map.of("Bucket", "b"))).containsExactly("s3:CreateBucket arn:aws:s3:::b");
        assertThat(checks("s3", "ListObjectsV2", Map.of("Bucket", "b", "Prefix", "public/")))
                .containsExactly("s3:ListBucket arn:aws:s3:::b");
        assertThat(checks("s3", "HeadBucket", Map.of("Bucket", "b"))).containsExactly("s3:ListBucket arn:aws:s3:::b");
        assertThat(checks("s3", "ListObjectVersions", Map.of("Bucket", "b")))
                .containsExactly("s3:ListBucketVersions arn:aws:s3:::b");
        assertThat(checks("s3", "PutBucketVersioning", Map.of("Bucket", "b")))
                .containsExactly("s3:PutBucketVersioning arn:aws:s3:::b");
        assertThat(checks("s3", "GetObject", Map.of("Bucket", "b", "Key", "public/x")))
                .containsExactly("s3:GetObject arn:aws:s3:::b/public/x");
        assertThat(checks("s3", "HeadObject", Map.of("Bucket", "b", "Key", "k"))).containsExactly("s3:GetObject arn:aws:s3:::b/k");
        for (String upload : List.of("CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "PutObject")) {
            assertThat(checks("s3", upload, Map.of("Bucket", "b", "Key", "k"))).as(upload)
                    .containsExactly("s3:PutObject arn:aws:s3:::b/k");
        }
        assertThat(checks("s3", "ListParts", Map.of("Bucket", "b", "Key", "k", "UploadId", "u")))
                .containsExactly("s3:ListMultipartUploadParts arn:aws:s3:::b/k");
        assertThat(checks("s3", "DeleteBucketCors", Map.of("Bucket", "b"))).containsExactly("s3:PutBucketCORS arn:aws:s3:::b");
        assertThat(checks("s3", "GetBucketEncryption", Map.of("Bucket", "b")))
                .containsExactly("s3:GetEncryptionConfiguration arn:aws:s3:::b");
    }

    @Test
    void aVersionIdCallsForTheVersionActions() {
        assertThat(checks("s3", "GetObject", Map.of("Bucket", "b", "Key", "k", "VersionId", "v1")))
                .containsExactly("s3:GetObjectVersion arn:aws:s3:::b/k");
        assertThat(checks("s3", "HeadObject", Map.of("Bucket", "b", "Key", "k", "VersionId", "v1")))
                .containsExactly("s3:GetObjectVersion arn:aws:s3:::b/k");
        assertThat(checks("s3", "DeleteObject", Map.of("Bucket", "b", "Key", "k", "VersionId", "v1")))
                .containsExactly("s3:DeleteObjectVersion arn:aws:s3:::b/k");
        assertThat(checks("s3", "GetObjectTagging", Map.of("Bucket", "b", "Key", "k", "VersionId", "v1")))
                .containsExactly("s3:GetObjectVersionTagging arn:aws:s3:::b/k");
    }

    @Test
    void aCopyReadsItsSourceAndAMultiDeleteDeletesEachKey() {
        assertThat(checks("s3", "CopyObject", Map.of("Bucket", "b", "Key", "to", "CopySource", "/src/dir%2Fa%20b.txt")))
                .containsExactly("s3:PutObject arn:aws:s3:::b/to", "s3:GetObject arn:aws:s3:::src/dir/a b.txt");
        assertThat(checks("s3", "UploadPartCopy", Map.of("Bucket", "b", "Key", "to",
                "CopySource", "src/a?versionId=v2"))).containsExactly("s3:PutObject arn:aws:s3:::b/to",
                "s3:GetObjectVersion arn:aws:s3:::src/a");
        assertThat(checks("s3", "DeleteObjects", Map.of("Bucket", "b", "Delete", Map.of("Objects", List.of(
                Map.of("Key", "a"), Map.of("Key", "b", "VersionId", "v")))))).containsExactly(
                "s3:DeleteObject arn:aws:s3:::b/a", "s3:DeleteObjectVersion arn:aws:s3:::b/b");
    }

    @Test
    void eachKeyOfDeleteObjectsIsItsOwnItemAndEveryOtherCheckTheWholeRequest() {
        List<S3Requests.Check> keys = S3Requests.adjust("DeleteObjects", Map.of("Bucket", "b", "Delete",
                Map.of("Objects", List.of(Map.of("Key", "a"), Map.of("Key", "a"), Map.of("Key", "c")))), List.of());
        assertThat(keys).extracting(S3Requests.Check::item).containsExactly(0, 1, 2);
        List<S3Requests.Check> get = S3Requests.adjust("GetObject", Map.of("Bucket", "b", "Key", "k"),
                List.of(new S3Requests.Check("s3:GetObject", "arn:aws:s3:::b/k")));
        assertThat(get).extracting(S3Requests.Check::item).containsExactly(S3Requests.Check.WHOLE_REQUEST);
    }

    @Test
    void wafv2ArnsFollowTheScope() {
        String regional = "arn:aws:wafv2:us-east-1:" + ACCOUNT + ":regional/webacl/web/455cd1a9-4fa2-4a6e-8044-f4e42bac6925";
        assertThat(checks("wafv2", "GetWebACL", Map.of("Name", "web", "Id", "455cd1a9-4fa2-4a6e-8044-f4e42bac6925",
                "Scope", "REGIONAL"))).containsExactly("wafv2:GetWebACL " + regional);
        assertThat(checks("wafv2", "DeleteIPSet", Map.of("Name", "ips", "Id", "1", "Scope", "CLOUDFRONT",
                "LockToken", "t"))).containsExactly("wafv2:DeleteIPSet arn:aws:wafv2:us-east-1:" + ACCOUNT
                + ":global/ipset/ips/1");
        assertThat(checks("wafv2", "UpdateRegexPatternSet", Map.of("Name", "r", "Id", "2", "Scope", "REGIONAL")))
                .containsExactly("wafv2:UpdateRegexPatternSet arn:aws:wafv2:us-east-1:" + ACCOUNT
                        + ":regional/regexpatternset/r/2");
        assertThat(checks("wafv2", "ListWebACLs", Map.of("Scope", "REGIONAL"))).containsExactly("wafv2:ListWebACLs *");
        assertThat(checks("wafv2", "GetWebACL", Map.of("Scope", "REGIONAL"))).containsExactly(
                "wafv2:GetWebACL arn:aws:wafv2:us-east-1:" + ACCOUNT + ":regional/webacl/*/*");
    }

    @Test
    void associatingAWebAclWithALoadBalancerNeedsBoth() {
        String acl = "arn:aws:wafv2:us-east-1:" + ACCOUNT + ":regional/webacl/web/1";
        String alb = "arn:aws:elasticloadbalancing:us-east-1:" + ACCOUNT + ":loadbalancer/app/web/50dc6c495c0c9188";
        // The input's ARNs in any order (the test's input is an unordered map; the gateway's keeps the wire order).
        assertThat(checks("wafv2", "AssociateWebACL", Map.of("WebACLArn", acl, "ResourceArn", alb))).containsExactlyInAnyOrder(
                "wafv2:AssociateWebACL " + acl, "wafv2:AssociateWebACL " + alb, "elasticloadbalancing:SetWebAcl " + alb);
        assertThat(checks("wafv2", "DisassociateWebACL", Map.of("ResourceArn", alb))).containsExactly(
                "wafv2:DisassociateWebACL " + alb, "elasticloadbalancing:SetWebAcl " + alb);
    }
}
