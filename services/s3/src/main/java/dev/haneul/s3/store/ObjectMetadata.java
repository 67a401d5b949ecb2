package dev.haneul.s3.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.haneul.s3.error.S3Error;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What S3 keeps of a write's headers and returns on GET/HEAD: the system metadata headers it stores
 * ({@link #SYSTEM_HEADERS}, by canonical name, value as sent), the storage class (echoed; every class
 * behaves as STANDARD here) and user metadata ({@code x-amz-meta-*}, names lower-cased without the
 * prefix, at most {@value #MAX_USER_METADATA_BYTES} bytes of names and values together, else
 * MetadataTooLarge). {@code aws-chunked} is a transfer detail and is removed from Content-Encoding.
 */
public record ObjectMetadata(Map<String, String> systemHeaders, String storageClass, Map<String, String> userMetadata) {

    /** The system metadata S3 stores, in the order it answers them. */
    public static final List<String> SYSTEM_HEADERS = List.of("Cache-Control", "Content-Disposition",
            "Content-Encoding", "Content-Language", "Content-Type", "Expires", "x-amz-website-redirect-location");

    /** S3's Content-Type for objects stored without one. */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    public static final int MAX_USER_METADATA_BYTES = 2048;

    /** The storage classes of the S3 model; any other is InvalidStorageClass. */
    public static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
            "EXPRESS_ONEZONE", "FSX_OPENZFS", "FSX_ONTAP");

    public static final ObjectMetadata EMPTY = new ObjectMetadata(Map.of(), "STANDARD", Map.of());

    public ObjectMetadata {
        systemHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(systemHeaders, "systemHeaders")));
        requireNonNull(storageClass, "storageClass");
        userMetadata = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(userMetadata, "userMetadata")));
    }

    /**
     * The metadata of a write's request headers: the system headers above, {@code x-amz-storage-class}
     * and {@code x-amz-meta-*}; other headers are ignored.
     *
     * @throws dev.haneul.s3.error.S3Exception InvalidStorageClass, MetadataTooLarge
     */
    public static ObjectMetadata fromHeaders(List<Map.Entry<String, String>> headers) {
        Map<String, String> system = new LinkedHashMap<>();
        Map<String, String> user = new TreeMap<>();
        String storageClass = "STANDARD";
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                user.merge(name.substring("x-amz-meta-".length()), header.getValue(), (a, b) -> a + "," + b);
            } else if (name.equals("x-amz-storage-class")) {
                storageClass = header.getValue().strip();
            } else {
                for (String canonical : SYSTEM_HEADERS) {
                    if (canonical.equalsIgnoreCase(name)) {
                        system.put(canonical, header.getValue());
                    }
                }
            }
        }
        return of(system, storageClass, user);
    }

    /** Validated metadata; see the class comment. */
    public static ObjectMetadata of(Map<String, String> systemHeaders, String storageClass, Map<String, String> userMetadata) {
        if (!STORAGE_CLASSES.contains(storageClass)) {
            throw S3Error.INVALID_STORAGE_CLASS.exception(Map.of("StorageClassRequested", storageClass));
        }
        Map<String, String> system = new LinkedHashMap<>();
        for (String canonical : SYSTEM_HEADERS) {
            String value = systemHeaders.get(canonical);
            if (canonical.equals("Content-Encoding") && value != null) {
                value = withoutAwsChunked(value);
            }
            if (value != null && !value.isEmpty()) {
                system.put(canonical, value);
            }
        }
        int size = 0;
        for (Map.Entry<String, String> entry : userMetadata.entrySet()) {
            size += entry.getKey().getBytes(UTF_8).length + entry.getValue().getBytes(UTF_8).length;
        }
        if (size > MAX_USER_METADATA_BYTES) {
            throw S3Error.METADATA_TOO_LARGE.exception(Map.of("Size", size, "MaxSizeAllowed", MAX_USER_METADATA_BYTES));
        }
        return new ObjectMetadata(system, storageClass, userMetadata);
    }

    /** A system header's value, e.g. {@code header("Content-Type")}. */
    public Optional<String> header(String canonicalName) {
        return Optional.ofNullable(systemHeaders.get(canonicalName));
    }

    /** The Content-Type to answer with: as stored, else {@value #DEFAULT_CONTENT_TYPE}. */
    public String contentType() {
        return header("Content-Type").orElse(DEFAULT_CONTENT_TYPE);
    }

    private static String withoutAwsChunked(String encoding) {
        StringBuilder kept = new StringBuilder();
        for (String token : encoding.split(",")) {
            String t = token.strip();
            if (!t.isEmpty() && !t.equalsIgnoreCase("aws-chunked")) {
                if (!kept.isEmpty()) {
                    kept.append(',');
                }
                kept.append(t);
            }
        }
        return kept.toString();
    }
}
