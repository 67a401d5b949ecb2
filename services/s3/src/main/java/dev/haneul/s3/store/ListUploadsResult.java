package dev.haneul.s3.store;

import java.util.List;
import java.util.Optional;

/**
 * A page of ListMultipartUploads: by key, then by initiation (upload ids sort in that order here).
 */
public record ListUploadsResult(List<MultipartUpload> uploads, List<String> commonPrefixes, boolean truncated,
                                Optional<String> nextKeyMarker, Optional<String> nextUploadIdMarker) {}
