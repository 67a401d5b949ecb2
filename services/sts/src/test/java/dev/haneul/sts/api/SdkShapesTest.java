package dev.haneul.sts.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.api.SdkShapes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Value trees to and from the SDK's generated classes, with nested structures, lists and instants. */
class SdkShapesTest {

    @Test
    void aValueTreeBuildsTheSdkRequest() {
        AssumeRoleRequest request = SdkShapes.toSdk(AssumeRoleRequest.builder(), Map.of(
                "RoleArn", "arn:aws:iam::000000000000:role/web",
                "RoleSessionName", "s1",
                "DurationSeconds", 900L,
                "Tags", List.of(Map.of("Key", "team", "Value", "web")),
                "TransitiveTagKeys", List.of("team")));
        assertThat(request.roleArn()).isEqualTo("arn:aws:iam::000000000000:role/web");
        assertThat(request.durationSeconds()).isEqualTo(900);
        assertThat(request.tags()).singleElement().satisfies(t -> assertThat(t.key()).isEqualTo("team"));
        assertThat(request.transitiveTagKeys()).containsExactly("team");
        assertThat(request.hasPolicyArns()).isFalse();
    }

    @Test
    void anSdkResponseBecomesAValueTreeWithoutUnsetMembers() {
        Instant expiry = Instant.parse("2026-11-26T12:00:00Z");
        AssumeRoleResponse response = AssumeRoleResponse.builder()
                .credentials(Credentials.builder().accessKeyId("ASIA1").secretAccessKey("s").sessionToken("t")
                        .expiration(expiry).build())
                .packedPolicySize(6)
                .build();
        assertThat(SdkShapes.toTree(response)).isEqualTo(Map.of(
                "Credentials", Map.of("AccessKeyId", "ASIA1", "SecretAccessKey", "s", "SessionToken", "t",
                        "Expiration", expiry),
                "PackedPolicySize", 6));
    }
}
