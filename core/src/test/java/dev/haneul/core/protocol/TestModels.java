package dev.haneul.core.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Small models in botocore's format for tests: the query "Shop" exercising every query wire rule, and a parser. */
public final class TestModels {

    private TestModels() {}

    static final String SHOP = """
            {
              "metadata": {"protocol": "query", "apiVersion": "2024-01-01", "xmlNamespace": "http://shop.example/doc/",
                           "endpointPrefix": "shop", "serviceId": "Shop"},
              "operations": {
                "PlaceOrder": {"name": "PlaceOrder", "input": {"shape": "PlaceOrderMessage"},
                               "output": {"shape": "OrderResult", "resultWrapper": "PlaceOrderResult"},
                               "errors": [{"shape": "OrderNotFoundFault"}]},
                "Ping": {"name": "Ping"}
              },
              "shapes": {
                "PlaceOrderMessage": {"type": "structure", "required": ["OrderId"], "members": {
                  "OrderId": {"shape": "String"},
                  "Quantity": {"shape": "Integer"},
                  "Express": {"shape": "Boolean"},
                  "DeliverBy": {"shape": "Timestamp"},
                  "Items": {"shape": "ItemList"},
                  "Tags": {"shape": "TagList"},
                  "Notes": {"shape": "NoteList", "flattened": true, "locationName": "Note"},
                  "Attributes": {"shape": "AttributeMap"},
                  "Labels": {"shape": "LabelMap", "flattened": true},
                  "Size": {"shape": "Size"},
                  "Payload": {"shape": "Blob"},
                  "Address": {"shape": "Address"}
                }},
                "OrderResult": {"type": "structure", "members": {
                  "Order": {"shape": "Order"},
                  "Items": {"shape": "ItemList"},
                  "Attributes": {"shape": "AttributeMap"}
                }},
                "Order": {"type": "structure", "members": {
                  "OrderId": {"shape": "String"},
                  "Quantity": {"shape": "Integer"},
                  "Express": {"shape": "Boolean"},
                  "CreatedAt": {"shape": "Timestamp"},
                  "Weight": {"shape": "Double"},
                  "Tags": {"shape": "TagList"}
                }},
                "OrderNotFoundFault": {"type": "structure", "members": {"message": {"shape": "String"}},
                  "error": {"code": "OrderNotFound", "httpStatusCode": 404, "senderFault": true}, "exception": true},
                "Address": {"type": "structure", "members": {"City": {"shape": "String"}, "Zip": {"shape": "String"}}},
                "ItemList": {"type": "list", "member": {"shape": "String", "locationName": "Item"}},
                "TagList": {"type": "list", "member": {"shape": "Tag", "locationName": "Tag"}},
                "Tag": {"type": "structure", "members": {"Key": {"shape": "String"}, "Value": {"shape": "String"}}},
                "NoteList": {"type": "list", "member": {"shape": "String"}},
                "AttributeMap": {"type": "map", "key": {"shape": "String"}, "value": {"shape": "String"}},
                "LabelMap": {"type": "map", "key": {"shape": "String", "locationName": "Name"},
                             "value": {"shape": "String", "locationName": "Text"}},
                "Size": {"type": "string", "enum": ["small", "large"]},
                "String": {"type": "string"},
                "Integer": {"type": "integer"},
                "Double": {"type": "double"},
                "Boolean": {"type": "boolean"},
                "Timestamp": {"type": "timestamp"},
                "Blob": {"type": "blob"}
              }
            }
            """;

    static ServiceModel shop() {
        return parse(SHOP);
    }

    /** A model from botocore-format JSON text. */
    public static ServiceModel parse(String json) {
        try {
            return ServiceModel.fromJson(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a model: " + e.getMessage(), e);
        }
    }
}
