package dev.haneul.s3.store;

import java.util.List;
import java.util.Optional;

/** A page of ListParts, part numbers ascending. */
public record ListPartsResult(MultipartUpload upload, List<UploadedPart> parts, boolean truncated,
                              Optional<Integer> nextPartNumberMarker) {}
