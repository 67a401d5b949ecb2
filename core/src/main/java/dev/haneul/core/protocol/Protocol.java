package dev.haneul.core.protocol;

/** The wire protocols of AWS models ({@code metadata.protocol}), each served by one {@link ProtocolCodec}. */
public enum Protocol {
    /** Form-encoded {@code Action} + {@code Version}, XML answers (RDS, ELBv2, IAM, STS, CloudFormation). */
    QUERY("query"),
    /** EC2's variant of query: other parameter names, no result wrapper, its own error envelope. */
    EC2("ec2"),
    /** JSON bodies, operation in {@code X-Amz-Target} (json 1.0 and 1.1: WAFv2, SSM, ACM). */
    JSON("json"),
    /** Operations by HTTP method and URI, members in URI, query string, headers and an XML body (S3, CloudFront). */
    REST_XML("rest-xml"),
    /** The same with a JSON body. */
    REST_JSON("rest-json");

    private final String modelName;

    Protocol(String modelName) {
        this.modelName = modelName;
    }

    /** The name in a model's {@code metadata.protocol}. */
    public String modelName() {
        return modelName;
    }

    /** Whether errors use the json family's codes (for example {@code InvalidSignatureException}). */
    public boolean jsonFamily() {
        return this == JSON || this == REST_JSON;
    }

    /** Whether operations are found by HTTP method and path. */
    public boolean rest() {
        return this == REST_XML || this == REST_JSON;
    }

    /**
     * The protocol a model names.
     *
     * @throws IllegalArgumentException for a protocol Haneul has no codec for
     */
    public static Protocol of(String modelName) {
        for (Protocol protocol : values()) {
            if (protocol.modelName.equals(modelName)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("protocol: " + modelName + " (expected one of query, ec2, json, rest-xml,"
                + " rest-json)");
    }

    @Override
    public String toString() {
        return modelName;
    }
}
