package dev.haneul.core.protocol.rest;

import static dev.haneul.core.protocol.rest.RestXmlCodecTest.request;
import static dev.haneul.core.protocol.rest.RestXmlCodecTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.ProtocolOptions;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.WireResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rest-json codec's wire rules, without the corpora. */
class RestJsonCodecTest {

    private final ServiceModel model = RestTestModels.tasks();
    private final RestJsonCodec codec = new RestJsonCodec(model, ProtocolOptions.DEFAULTS);

    @Test
    void labelsHeaderListsAndJsonValueHeadersBindToMembers() {
        Map<String, Object> in = codec.decode(request("GET", "/v1/tasks/t-1", "X-Tags", "\"a,b\", \"say \\\"hi\\\"\", c",
                "X-Filter", "eyJkb25lIjpmYWxzZX0=")).input();
        assertThat(in).containsEntry("TaskId", "t-1").containsEntry("Tags", List.of("a,b", "say \"hi\"", "c"))
                .containsEntry("Filter", "{\"done\":false}");
    }

    @Test
    void aQueryMapTakesTheParametersNoOtherMemberOrTheUriBinds() {
        Map<String, Object> in = codec.decode(request("GET", "/v1/tasks?view=search&owner=kim&label=a&label=b&due=today"))
                .input();
        assertThat(in).containsEntry("Owner", "kim")
                .containsEntry("Filters", Map.of("label", List.of("a", "b"), "due", List.of("today")));
    }

    @Test
    void theBodyHoldsTheMembersWithoutBindingAndDocumentsPassThrough() {
        Map<String, Object> in = codec.decode(request("POST", "/v1/tasks?token=tok",
                "{\"title\":\"write\",\"Priority\":2}".getBytes(StandardCharsets.UTF_8))).input();
        assertThat(in).containsExactlyInAnyOrderEntriesOf(Map.of("Title", "write", "Priority", 2, "Token", "tok"));
        Map<String, Object> doc = codec.decode(request("PUT", "/v1/tasks/t-1/doc",
                "[1,{\"a\":true}]".getBytes(StandardCharsets.UTF_8))).input();
        assertThat(doc).containsEntry("Document", List.of(1, Map.of("a", true)));
    }

    @Test
    void hostLabelsFillMembersTheRequestLeavesOut() {
        assertThat(codec.decode(request("POST", "/v1/ping", "Host", "eu-west-1.ping.tasks.example:4566")).input())
                .containsEntry("Region", "eu-west-1");
        assertThat(codec.decode(request("POST", "/v1/ping", "{\"Region\":\"us-east-1\"}".getBytes(StandardCharsets.UTF_8),
                "Host", "eu-west-1.ping.tasks.example")).input()).containsEntry("Region", "us-east-1");
        assertThat(codec.decode(request("POST", "/v1/ping", "Host", "127.0.0.1:4566")).input()).doesNotContainKey("Region");
    }

    @Test
    void outputsWriteHeadersStatusCodesAndBodyMembersInResponses() {
        WireResponse task = codec.encode(model.operation("GetTask").orElseThrow(), Map.of("TaskId", "t-1",
                "Title", "write", "Due", Instant.ofEpochSecond(1_700_000_000), "Owners", List.of("kim", "lee, jr")), "r");
        assertThat(task.headers()).containsEntry("X-Owners", "kim, \"lee, jr\"");
        WireResponse broken = codec.encode(model.operation("GetTask").orElseThrow(),
                Map.of("Owners", List.of("line\r\nX-Injected: 1")), "r");
        assertThat(broken.headers()).containsEntry("X-Owners", "line  X-Injected: 1");
        assertThat(text(task)).isEqualTo("{\"TaskId\":\"t-1\",\"title\":\"write\",\"Due\":1700000000}");
        assertThat(task.contentType()).isEqualTo("application/json");
        WireResponse created = codec.encode(model.operation("CreateTask").orElseThrow(), Map.of("TaskId", "t-2"), "r");
        assertThat(created.status()).isEqualTo(201);
        assertThat(codec.encode(model.operation("CreateTask").orElseThrow(), Map.of("Status", 202), "r").status())
                .isEqualTo(202);
    }

    @Test
    void errorsNameTheirCodeInAHeaderAndTheBodyAndBindHeaderMembers() {
        AwsServiceException error = new ServiceErrors(model).error("TaskNotFound", Map.of("TaskId", "t-9"),
                "Task t-9 not found.");
        WireResponse response = codec.encodeError(error, "r");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "TaskNotFound").containsEntry("X-Task-Id", "t-9");
        assertThat(text(response)).isEqualTo("{\"__type\":\"TaskNotFound\",\"message\":\"Task t-9 not found.\"}");
    }

    @Test
    void aPathNoOperationHasIsUnknown() {
        assertThatThrownBy(() -> codec.decode(request("GET", "/v2/tasks")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("UnknownOperationException");
                    assertThat(e.status()).isEqualTo(404);
                });
        assertThatThrownBy(() -> codec.decode(request("DELETE", "/v1/tasks/t-1")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.status()).isEqualTo(405));
    }
}
