package dev.haneul.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.query.FormParameters;
import dev.haneul.core.protocol.query.QueryDecoder;
import dev.haneul.core.protocol.query.QueryEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query protocol's wire rules, without the corpora: decode, validate, encode. */
class QueryCodecTest {

    private final ServiceModel model = TestModels.shop();
    private final Shape input = model.operation("PlaceOrder").orElseThrow().input().orElseThrow();

    private Map<String, Object> decode(String form) {
        return QueryDecoder.decode(input, FormParameters.decode(form));
    }

    @Test
    void decodesScalarsStructuresListsAndMaps() {
        Map<String, Object> in = decode("Action=PlaceOrder&OrderId=o-1&Quantity=3&Express=TRUE"
                + "&DeliverBy=2026-11-26T10%3A00%3A00Z&Address.City=Seoul"
                + "&Items.Item.2=pear&Items.Item.1=apple&Items.Item.10=fig"
                + "&Tags.Tag.1.Key=team&Tags.Tag.1.Value=web"
                + "&Note.1=fragile&Note.2=gift"
                + "&Attributes.entry.1.key=color&Attributes.entry.1.value=red"
                + "&Labels.1.Name=a&Labels.1.Text=b&Payload=aGk%3D&Unknown.Param=1");
        assertThat(in).containsEntry("OrderId", "o-1").containsEntry("Quantity", 3).containsEntry("Express", true)
                .containsEntry("DeliverBy", Instant.parse("2026-11-26T10:00:00Z"))
                .containsEntry("Address", Map.of("City", "Seoul"))
                .containsEntry("Items", List.of("apple", "pear", "fig"))
                .containsEntry("Tags", List.of(Map.of("Key", "team", "Value", "web")))
                .containsEntry("Notes", List.of("fragile", "gift"))
                .containsEntry("Attributes", Map.of("color", "red"))
                .containsEntry("Labels", Map.of("a", "b"))
                .doesNotContainKey("Unknown");
        assertThat((byte[]) in.get("Payload")).isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aListSentAsItsBareNameIsEmpty() {
        assertThat(decode("OrderId=x&Items=")).containsEntry("Items", List.of());
    }

    @Test
    void wrongTypesAreInvalidValuesNamingTheParameter() {
        assertThatThrownBy(() -> decode("OrderId=x&Quantity=three"))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.INVALID_VALUE);
                    assertThat(e.path()).isEqualTo("Quantity");
                    assertThat(e.getMessage()).contains("three").contains("integer");
                });
        assertThatThrownBy(() -> decode("OrderId=x&Express=yes")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> decode("OrderId=x&DeliverBy=tomorrow")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void validationFindsMissingRequiredMembersAndValuesOutsideTheEnum() {
        assertThatThrownBy(() -> InputValidator.validate(input, decode("Quantity=1")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MISSING_REQUIRED);
                    assertThat(e.path()).isEqualTo("OrderId");
                });
        assertThatThrownBy(() -> InputValidator.validate(input, decode("OrderId=x&Size=huge")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.getMessage()).contains("[small, large]"));
        InputValidator.validate(input, decode("OrderId=x&Size=small"));
    }

    @Test
    void formDecodingIsStrict() {
        assertThat(FormParameters.decode("a=b+c&d=%E2%82%AC&e&=f")).containsEntry("a", List.of("b c"))
                .containsEntry("d", List.of("€")).containsEntry("e", List.of("")).containsEntry("", List.of("f"));
        assertThatThrownBy(() -> FormParameters.decode("a=%G1")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> FormParameters.decode("a=%4")).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> FormParameters.decode("a=%C3%28")).isInstanceOf(ProtocolException.class);
    }

    @Test
    void encodesTheResponseEnvelopeInModelOrderWithXmlNames() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("Tags", List.of(Map.of("Key", "k", "Value", "v")));
        order.put("Weight", 1.5);
        order.put("CreatedAt", Instant.parse("2026-11-26T10:00:00.120Z"));
        order.put("OrderId", "o-1 & <friends>");
        Map<String, Object> output = Map.of("Order", order, "Items", List.of(), "Attributes", Map.of("a", "1"));
        String xml = QueryEncoder.response(model.operation("PlaceOrder").orElseThrow(), model.xmlNamespace(), output, "rid-1");
        assertThat(xml).isEqualTo("<PlaceOrderResponse xmlns=\"http://shop.example/doc/\"><PlaceOrderResult>"
                + "<Order><OrderId>o-1 &amp; &lt;friends&gt;</OrderId><CreatedAt>2026-11-26T10:00:00.120Z</CreatedAt>"
                + "<Weight>1.5</Weight><Tags><Tag><Key>k</Key><Value>v</Value></Tag></Tags></Order>"
                + "<Items></Items><Attributes><entry><key>a</key><value>1</value></entry></Attributes>"
                + "</PlaceOrderResult><ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata></PlaceOrderResponse>");
        assertThat(XmlTreeParser.result(xml, model.operation("PlaceOrder").orElseThrow()))
                .containsEntry("Items", List.of());
    }

    @Test
    void operationsWithoutOutputCarryOnlyResponseMetadata() {
        assertThat(QueryEncoder.response(model.operation("Ping").orElseThrow(), model.xmlNamespace(), Map.of(), "r"))
                .isEqualTo("<PingResponse xmlns=\"http://shop.example/doc/\"><ResponseMetadata><RequestId>r</RequestId>"
                        + "</ResponseMetadata></PingResponse>");
    }

    @Test
    void modelErrorsCarryTheModelsCodeAndStatus() {
        AwsServiceException error = new ServiceErrors(model).error("OrderNotFoundFault", "Order %s not found.", "o-9");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.code()).isEqualTo("OrderNotFound");
        assertThat(QueryEncoder.error(error, model.xmlNamespace(), model.errorShape("OrderNotFound"), "r"))
                .isEqualTo("<ErrorResponse xmlns=\"http://shop.example/doc/\"><Error><Type>Sender</Type>"
                        + "<Code>OrderNotFound</Code><Message>Order o-9 not found.</Message></Error>"
                        + "<RequestId>r</RequestId></ErrorResponse>");
        assertThatThrownBy(() -> new ServiceErrors(model).error("NoSuchFault", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void charactersXmlCannotCarryAreReplaced() {
        XmlWriter xml = new XmlWriter(16);
        xml.element("A", "tab\tbell\u0007 emoji\uD83D\uDE00 lone\uD800");
        assertThat(xml.toString()).isEqualTo("<A>tab\tbell\uFFFD emoji\uD83D\uDE00 lone\uFFFD</A>");
    }
}
