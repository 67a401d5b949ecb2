package dev.haneul.core.protocol;

import dev.haneul.core.protocol.json.AwsJsonCodec;
import dev.haneul.core.protocol.query.Ec2Codec;
import dev.haneul.core.protocol.query.QueryCodec;
import dev.haneul.core.protocol.rest.RestJsonCodec;
import dev.haneul.core.protocol.rest.RestXmlCodec;

/**
 * Builds the codec a model's {@code metadata.protocol} names. A new protocol plugs in here: one
 * {@link Protocol} constant, one {@link ProtocolCodec} implementation, one line below.
 */
public final class ProtocolCodecs {

    private ProtocolCodecs() {}

    /**
     * The codec for {@code model}.
     *
     * @throws IllegalArgumentException for a protocol Haneul lacks, or a model the codec cannot
     *     serve (a rest operation whose URI template it cannot match)
     */
    public static ProtocolCodec forModel(ServiceModel model, ProtocolOptions options) {
        return switch (Protocol.of(model.protocol())) {
            case QUERY -> new QueryCodec(model);
            case EC2 -> new Ec2Codec(model);
            case JSON -> new AwsJsonCodec(model);
            case REST_XML -> new RestXmlCodec(model, options);
            case REST_JSON -> new RestJsonCodec(model, options);
        };
    }
}
