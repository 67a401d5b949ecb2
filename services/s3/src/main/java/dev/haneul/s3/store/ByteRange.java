package dev.haneul.s3.store;

import dev.haneul.s3.error.S3Error;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of an object a GET returns: {@code first} to {@code last} inclusive, with whether it is
 * partial (206 and {@code Content-Range}) or the whole object (200).
 *
 * <p>S3's reading of {@code Range}, as recorded against real S3 on a 10-byte object: one range only,
 * {@code bytes=a-b}, {@code bytes=a-} or the suffix {@code bytes=-n}, an end or suffix beyond the
 * object clamped ({@code bytes=0-100} → {@code 0-9}); anything it cannot read — several ranges,
 * another unit, {@code bytes=1-0}, {@code bytes=-} — is ignored and the whole object is sent
 * (RFC 7233 allows ignoring the header); a first byte at or beyond the end, or {@code bytes=-0}, is
 * 416 InvalidRange. An empty object has no satisfiable range.
 */
public record ByteRange(long first, long last, long objectSize, boolean partial) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** The whole object. */
    public static ByteRange whole(long size) {
        return new ByteRange(0, size - 1, size, false);
    }

    /**
     * Interprets a {@code Range} header against an object of {@code size} bytes.
     *
     * @throws dev.haneul.s3.error.S3Exception InvalidRange (416)
     */
    public static ByteRange parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return whole(size);
        }
        String value = header.get().strip();
        Matcher m = SINGLE.matcher(value);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return whole(size);
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(value, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1, size, true);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < first) {
                return whole(size);
            }
            if (first >= size) {
                throw unsatisfiable(value, size);
            }
            return new ByteRange(first, Math.min(last, size - 1), size, true);
        } catch (NumberFormatException e) {
            return whole(size); // More digits than a long: not a range S3 would honour either.
        }
    }

    private static final Pattern COPY = Pattern.compile("bytes=(\\d+)-(\\d+)");

    /**
     * Interprets {@code x-amz-copy-source-range} (UploadPartCopy), which S3 reads strictly: only
     * {@code bytes=first-last}, inside the source object.
     *
     * @throws dev.haneul.s3.error.S3Exception InvalidArgument or InvalidRequest with S3's texts
     */
    public static ByteRange parseCopySource(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return whole(size);
        }
        String value = header.get().strip();
        Matcher m = COPY.matcher(value);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("ArgumentName", "x-amz-copy-source-range");
        fields.put("ArgumentValue", value);
        if (!m.matches() || m.group(1).length() > 18 || m.group(2).length() > 18
                || Long.parseLong(m.group(2)) < Long.parseLong(m.group(1))) {
            throw S3Error.INVALID_ARGUMENT.exception("The x-amz-copy-source-range value must be of the form"
                    + " bytes=first-last where first and last are the zero-based offsets of the first and last bytes"
                    + " to copy", fields);
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        if (first >= size) {
            throw S3Error.INVALID_REQUEST.exception("The specified copy range is invalid for the source object size",
                    Map.of());
        }
        if (last >= size) {
            throw S3Error.INVALID_ARGUMENT.exception("Range specified is not valid for source object of size: " + size,
                    fields);
        }
        return new ByteRange(first, last, size, true);
    }

    /** A part of a multipart object selected by {@code partNumber}, sent as 206. */
    static ByteRange part(long first, long length, long size) {
        return new ByteRange(first, first + length - 1, size, true);
    }

    public long length() {
        return last - first + 1;
    }

    /** {@code bytes first-last/size}, the {@code Content-Range} of a partial answer. */
    public String contentRange() {
        return "bytes " + first + '-' + last + '/' + objectSize;
    }

    private static RuntimeException unsatisfiable(String requested, long size) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("RangeRequested", requested);
        fields.put("ActualObjectSize", size);
        return S3Error.INVALID_RANGE.exception(fields);
    }
}
