package dev.haneul.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.query.Ec2Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ec2 protocol's parameter names, envelope and error envelope, without the corpora. */
class Ec2CodecTest {

    private static final String MODEL = """
            {
              "metadata": {"protocol": "ec2", "apiVersion": "2016-11-15", "endpointPrefix": "ec2", "serviceId": "EC2"},
              "operations": {
                "RunInstances": {"name": "RunInstances", "http": {"method": "POST", "requestUri": "/"},
                                 "input": {"shape": "RunInstancesRequest"}, "output": {"shape": "Reservation"}}
              },
              "shapes": {
                "RunInstancesRequest": {"type": "structure", "members": {
                    "ImageId": {"shape": "String"},
                    "dryRun": {"shape": "Boolean", "locationName": "dryRun"},
                    "SecurityGroupIds": {"shape": "Ids", "locationName": "SecurityGroupId"},
                    "ClientToken": {"shape": "String", "locationName": "clientToken", "queryName": "Token"}}},
                "Ids": {"type": "list", "member": {"shape": "String", "locationName": "SecurityGroupId"}},
                "Reservation": {"type": "structure", "members": {
                    "ReservationId": {"shape": "String", "locationName": "reservationId"},
                    "Groups": {"shape": "Ids", "locationName": "groupSet"}}},
                "InvalidAMIIDNotFound": {"type": "structure", "members": {}, "error": {"code": "InvalidAMIID.NotFound",
                    "httpStatusCode": 400}, "exception": true},
                "String": {"type": "string"},
                "Boolean": {"type": "boolean"}
              }
            }
            """;

    private final ServiceModel model = TestModels.parse(MODEL);
    private final Ec2Codec codec = new Ec2Codec(model);

    @Test
    void parametersAreNamedByQueryNameElseTheUpperCasedLocationNameAndListsAreNameDotN() {
        String form = "Action=RunInstances&Version=2016-11-15&ImageId=ami-1&DryRun=true"
                + "&SecurityGroupId.1=sg-1&SecurityGroupId.2=sg-2&Token=t";
        DecodedRequest decoded = codec.decode(new WireRequest("POST", "/", "",
                List.of(Map.entry("Content-Type", "application/x-www-form-urlencoded")),
                StreamingBlob.of(form.getBytes(StandardCharsets.UTF_8))));
        assertThat(decoded.input()).isEqualTo(Map.of("ImageId", "ami-1", "dryRun", true,
                "SecurityGroupIds", List.of("sg-1", "sg-2"), "ClientToken", "t"));
    }

    @Test
    void answersCarryTheRequestIdAndTheMembersWithoutAResultWrapper() {
        WireResponse response = codec.encode(model.operation("RunInstances").orElseThrow(),
                Map.of("ReservationId", "r-1", "Groups", List.of("sg-1")), "req-1");
        assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "<RunInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>req-1</requestId>"
                        + "<reservationId>r-1</reservationId><groupSet><SecurityGroupId>sg-1</SecurityGroupId></groupSet>"
                        + "</RunInstancesResponse>");
    }

    @Test
    void errorsUseTheResponseErrorsEnvelope() {
        WireResponse response = codec.encodeError(
                new ServiceErrors(model).error("InvalidAMIIDNotFound", "The image id '[ami-1]' does not exist"), "req-2");
        assertThat(response.status()).isEqualTo(400);
        assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "<Response><Errors><Error><Code>InvalidAMIID.NotFound</Code><Message>The image id &apos;[ami-1]&apos; does not"
                        + " exist</Message></Error></Errors><RequestID>req-2</RequestID></Response>");
    }
}
