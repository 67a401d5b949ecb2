package dev.haneul.core.protocol;

import static java.util.Objects.requireNonNull;

import dev.haneul.core.protocol.rest.HostAddressing;
import java.util.Map;
import java.util.Set;

/**
 * What a service tells its codec beyond its model — the few wire habits AWS services differ in
 * that the models do not record. Every field has the default most services need; a service module
 * overrides only what it must (S3: virtual-hosted addressing, bare {@code <Error>} bodies).
 *
 * @param hostAddressing rest protocols: how a {@code Host} header contributes to the path
 * @param xmlErrorEnvelope rest-xml: the root of error bodies
 * @param responseStatus rest protocols: the status of a success the model gives no status member
 *     (S3's 206 for a range and 304 for a failed {@code If-None-Match})
 * @param bareOutputs rest-xml: operations whose output's one member is the body's root element
 *     itself, {@code <LocationConstraint>eu-west-1</LocationConstraint>} (S3's GetBucketLocation)
 * @param xmlRootNames rest-xml: the root element of an operation's output body, by operation name,
 *     where the model does not record it (botocore's models do not: S3's ListObjectsV2 answers
 *     {@code <ListBucketResult>}, not {@code <ListObjectsV2Output>})
 */
public record ProtocolOptions(HostAddressing hostAddressing, XmlErrorEnvelope xmlErrorEnvelope,
                              ResponseStatus responseStatus, Set<String> bareOutputs,
                              Map<String, String> xmlRootNames) {

    /** Path-style addressing, {@code <ErrorResponse>}-wrapped errors, the model's status. */
    public static final ProtocolOptions DEFAULTS = new ProtocolOptions(HostAddressing.PATH_ONLY,
            XmlErrorEnvelope.ERROR_RESPONSE, ResponseStatus.MODEL, Set.of(), Map.of());

    public ProtocolOptions {
        requireNonNull(hostAddressing, "hostAddressing");
        requireNonNull(xmlErrorEnvelope, "xmlErrorEnvelope");
        requireNonNull(responseStatus, "responseStatus");
        bareOutputs = Set.copyOf(bareOutputs);
        xmlRootNames = Map.copyOf(xmlRootNames);
    }

    public ProtocolOptions(HostAddressing hostAddressing, XmlErrorEnvelope xmlErrorEnvelope) {
        this(hostAddressing, xmlErrorEnvelope, ResponseStatus.MODEL, Set.of(), Map.of());
    }

    public ProtocolOptions withHostAddressing(HostAddressing hostAddressing) {
        return new ProtocolOptions(hostAddressing, xmlErrorEnvelope, responseStatus, bareOutputs, xmlRootNames);
    }

    public ProtocolOptions withXmlErrorEnvelope(XmlErrorEnvelope xmlErrorEnvelope) {
        return new ProtocolOptions(hostAddressing, xmlErrorEnvelope, responseStatus, bareOutputs, xmlRootNames);
    }

    public ProtocolOptions withResponseStatus(ResponseStatus responseStatus) {
        return new ProtocolOptions(hostAddressing, xmlErrorEnvelope, responseStatus, bareOutputs, xmlRootNames);
    }

    public ProtocolOptions withBareOutputs(Set<String> operations) {
        return new ProtocolOptions(hostAddressing, xmlErrorEnvelope, responseStatus, operations, xmlRootNames);
    }

    public ProtocolOptions withXmlRootNames(Map<String, String> rootsByOperation) {
        return new ProtocolOptions(hostAddressing, xmlErrorEnvelope, responseStatus, bareOutputs, rootsByOperation);
    }

    /** The HTTP status of a successful answer, where a service decides it beyond its model. */
    @FunctionalInterface
    public interface ResponseStatus {

        /** The model's status (or its status-code member's). */
        ResponseStatus MODEL = (operation, output, status) -> status;

        /**
         * @param output the provider's output value tree (it may carry members the model does not
         *     bind, which the codec does not write)
         * @param status the status the model gives
         */
        int status(OperationModel operation, Map<String, Object> output, int status);
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
