package dev.haneul.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.core.protocol.xml.XmlElement;
import dev.haneul.core.protocol.xml.XmlShapeReader;
import dev.haneul.core.protocol.xml.XmlShapeWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The XML rules all XML protocols share: flattened lists and maps, namespaces, attributes, whitespace. */
class XmlShapesTest {

    private static final String MODEL = """
            {"metadata": {"protocol": "rest-xml", "serviceId": "Acl", "endpointPrefix": "acl"},
             "operations": {},
             "shapes": {
               "Policy": {"type": "structure", "members": {
                 "Grants": {"shape": "Grants", "locationName": "Grant"},
                 "Labels": {"shape": "Labels", "locationName": "Label", "flattened": true,
                            "xmlNamespace": "https://labels.example"},
                 "Owner": {"shape": "Grantee", "xmlNamespace": {"prefix": "xsi", "uri": "http://www.w3.org/2001/XMLSchema-instance"}},
                 "Note": {"shape": "String"}}},
               "Grants": {"type": "list", "member": {"shape": "Grantee", "locationName": "Grantee",
                 "xmlNamespace": {"prefix": "xsi", "uri": "http://www.w3.org/2001/XMLSchema-instance"}}, "flattened": true},
               "Grantee": {"type": "structure", "members": {
                 "Type": {"shape": "String", "locationName": "xsi:type", "xmlAttribute": true},
                 "ID": {"shape": "String"}}},
               "Labels": {"type": "map", "key": {"shape": "String", "locationName": "Name"},
                          "value": {"shape": "String", "locationName": "Text"}},
               "String": {"type": "string"}}}
            """;

    private final Shape policy = TestModels.parse(MODEL).shape("Policy").orElseThrow();

    @Test
    void flattenedListsAndMapsNamespacesAndAttributesWriteAndReadBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("Grants", List.of(Map.of("Type", "CanonicalUser", "ID", "u-1"), Map.of("ID", "u-2")));
        value.put("Labels", new LinkedHashMap<>(Map.of("env", "prod")));
        value.put("Owner", Map.of("Type", "Group", "ID", "g-1"));
        value.put("Note", "  keep  me  ");
        XmlWriter xml = new XmlWriter(256);
        XmlShapeWriter.root(xml, "AccessControlPolicy", Optional.empty(), policy, value);
        String text = xml.toString();
        assertThat(text).isEqualTo("<AccessControlPolicy>"
                + "<Grant xsi:type=\"CanonicalUser\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><ID>u-1</ID></Grant>"
                + "<Grant xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><ID>u-2</ID></Grant>"
                + "<Label xmlns=\"https://labels.example\"><Name>env</Name><Text>prod</Text></Label>"
                + "<Owner xsi:type=\"Group\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><ID>g-1</ID></Owner>"
                + "<Note>  keep  me  </Note></AccessControlPolicy>");
        Map<String, Object> read = XmlShapeReader.structure(policy, XmlElement.parse(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(value);
    }

    @Test
    void readingIgnoresUnknownElementsCommentsAndTheRootsName() {
        Map<String, Object> read = XmlShapeReader.structure(policy, XmlElement.parse(("<?xml version=\"1.0\"?>"
                + "<Anything xmlns=\"urn:x\"><!-- c --><Unknown>1</Unknown><Note><![CDATA[a<b]]></Note></Anything>")
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(read).isEqualTo(Map.of("Note", "a<b"));
    }
}
