package dev.haneul.core.protocol;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.protocol.rest.HostAddressing;

/**
 * What a service tells its codec beyond its model — the few wire habits AWS services differ in
 * that the models do not record. Every field has the default most services need; a service module
 * overrides only what it must (S3: virtual-hosted addressing, bare {@code <Error>} bodies).
 *
 * @param hostAddressing rest protocols: how a {@code Host} header contributes to the path
 * @param xmlErrorEnvelope rest-xml: the root of error bodies
 */
public record ProtocolOptions(HostAddressing hostAddressing, XmlErrorEnvelope xmlErrorEnvelope) {

    /** Path-style addressing, {@code <ErrorResponse>}-wrapped errors. */
    public static final ProtocolOptions DEFAULTS = new ProtocolOptions(HostAddressing.PATH_ONLY,
            XmlErrorEnvelope.ERROR_RESPONSE);

    public ProtocolOptions {
        requireNonNull(hostAddressing, "hostAddressing");
        requireNonNull(xmlErrorEnvelope, "xmlErrorEnvelope");
    }

    public ProtocolOptions withHostAddressing(HostAddressing hostAddressing) {
        return new ProtocolOptions(hostAddressing, xmlErrorEnvelope);
    }

    public ProtocolOptions withXmlErrorEnvelope(XmlErrorEnvelope xmlErrorEnvelope) {
        return new ProtocolOptions(hostAddressing, xmlErrorEnvelope);
    }

    /** The root of a rest-xml error body. */
    public enum XmlErrorEnvelope {
        /**
         * {@code <ErrorResponse><Error><Type/><Code/><Message/>…</Error><RequestId/></ErrorResponse>}
         * (CloudFront, and what botocore's rest-xml tests expect).
         */
        ERROR_RESPONSE,
        /** {@code <Error><Code/><Message/>…<RequestId/></Error>}, no namespace (S3). */
        ERROR
    }
}
