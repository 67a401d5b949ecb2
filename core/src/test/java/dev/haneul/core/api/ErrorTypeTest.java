package dev.haneul.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.protocol.TestModels;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Errors as typed values: looked up once from the model, or common to every service. */
class ErrorTypeTest {

    private static final String MODEL = """
            {"metadata": {"protocol": "query", "serviceId": "Shop", "endpointPrefix": "shop"},
             "operations": {},
             "shapes": {
               "OrderNotFoundFault": {"type": "structure", "members": {"OrderId": {"shape": "String"}},
                 "error": {"code": "OrderNotFound", "httpStatusCode": 404, "senderFault": true}, "exception": true},
               "ShopBusyFault": {"type": "structure", "members": {}, "exception": true, "fault": true},
               "String": {"type": "string"}}}
            """;

    private final ServiceErrors errors = new ServiceErrors(TestModels.parse(MODEL));

    @Test
    void aModelErrorCarriesTheServiceCodeStatusAndFaultSideOfTheModel() {
        ErrorType notFound = errors.type("OrderNotFoundFault");
        assertThat(notFound).isEqualTo(new ErrorType("Shop", "OrderNotFound", 404, true));
        assertThat(errors.type("ShopBusyFault")).isEqualTo(new ErrorType("Shop", "ShopBusyFault", 500, false));
        AwsServiceException thrown = notFound.format("Order %s not found.", "o-1");
        assertThat(thrown.type()).isSameAs(notFound);
        assertThat(thrown).hasMessage("Order o-1 not found.");
        assertThat(notFound.error("gone", Map.of("OrderId", "o-1")).fields()).containsEntry("OrderId", "o-1");
    }

    @Test
    void aNameTheModelLacksFailsWhenLookedUpNotWhenThrown() {
        assertThatThrownBy(() -> errors.type("OrderNotFound"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an error of Shop");
        assertThatThrownBy(() -> errors.type("String")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commonErrorsAreSharedByEveryService() {
        assertThat(CommonErrors.INVALID_ACTION.service()).isEqualTo(ErrorType.COMMON);
        assertThat(CommonErrors.internalFailure("x").senderFault()).isFalse();
        assertThat(CommonErrors.malformedQueryString("x").status()).isEqualTo(404);
        assertThat(CommonErrors.UNKNOWN_OPERATION.status()).isEqualTo(400);
        assertThat(CommonErrors.UNKNOWN_OPERATION_PATH.status()).isEqualTo(404);
        assertThatThrownBy(() -> new ErrorType("x", "y", 200, true)).hasMessageContaining("400-599");
    }
}
