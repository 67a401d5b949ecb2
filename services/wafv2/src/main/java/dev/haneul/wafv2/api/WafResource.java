package dev.haneul.wafv2.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored web ACL, IP set, regex pattern set or rule group.
 *
 * @param kind what it is
 * @param wafScope {@code REGIONAL} or {@code CLOUDFRONT}
 * @param spec its full form as the Get operation returns it, in AWS's JSON (blobs base64, as on the
 *     wire): what the engine compiles and what Get decodes back
 * @param lockToken the token Update and Delete must present; a new one after every change
 */
record WafResource(ResourceKind kind, String wafScope, String id, String name, String arn, String lockToken,
                   JsonNode spec) {

    WafResource {
        requireNonNull(kind, "kind");
        requireNonNull(wafScope, "wafScope");
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        requireNonNull(arn, "arn");
        requireNonNull(lockToken, "lockToken");
        requireNonNull(spec, "spec");
    }

    String description() {
        return spec.path("Description").asText("");
    }
}
