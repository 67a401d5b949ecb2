package dev.haneul.s3.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A part of a multipart upload, as UploadPart answers it and ListParts lists it.
 *
 * @param etag without quotes: hex MD5 of the part
 * @param checksum base64 of the part's checksum in the upload's algorithm
 */
public record UploadedPart(int partNumber, long size, String etag, Instant lastModified, Optional<ObjectChecksum> checksum) {

    public String quotedEtag() {
        return '"' + etag + '"';
    }
}
