package dev.haneul.s3.store;

import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ChecksumType;
import java.time.Instant;
import java.util.Optional;

/**
 * An upload in progress, as CreateMultipartUpload answers and ListMultipartUploads lists it.
 *
 * @param checksumAlgorithm the algorithm asked for at creation; parts must then carry that checksum
 * @param checksumType COMPOSITE or FULL_OBJECT; S3's defaults are FULL_OBJECT for CRC-64/NVME and
 *     COMPOSITE for the others
 */
public record MultipartUpload(String uploadId, String key, Instant initiated, ObjectMetadata metadata, TagSet tags,
                              Optional<ChecksumAlgorithm> checksumAlgorithm,
                              Optional<ChecksumType> checksumType) {}
