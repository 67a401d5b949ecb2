package dev.haneul.s3.store;

import java.util.Optional;

/**
 * One {@code <Part>} of a CompleteMultipartUpload request.
 *
 * @param etag as sent, with or without quotes
 * @param checksum the part's {@code Checksum<Algorithm>} element, when sent
 */
public record CompletedPart(int partNumber, String etag, Optional<String> checksum) {

    public CompletedPart(int partNumber, String etag) {
        this(partNumber, etag, Optional.empty());
    }
}
