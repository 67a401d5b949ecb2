package dev.haneul.s3.api;

import dev.haneul.core.protocol.TrailingHeaders;
import dev.haneul.s3.store.BodySink;
import dev.haneul.s3.store.ObjectChecksum;
import dev.haneul.s3.store.ObjectMetadata;
import dev.haneul.s3.store.ObjectVersion;
import dev.haneul.s3.store.TagSet;
import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ExpectedDigests;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Between the API's members and the store's object records: the metadata a PUT, copy or
 * multipart upload sends (system headers, storage class, user metadata, tags, expected digests),
 * and the members GET, HEAD and listings answer with.
 */
final class ObjectFields {

    /** System headers by their model member, in the order {@link ObjectMetadata#SYSTEM_HEADERS} lists them. */
    private static final Map<String, String> SYSTEM_MEMBERS = Map.of(
            "CacheControl", "Cache-Control",
            "ContentDisposition", "Content-Disposition",
            "ContentEncoding", "Content-Encoding",
            "ContentLanguage", "Content-Language",
            "ContentType", "Content-Type",
            "WebsiteRedirectLocation", "x-amz-website-redirect-location");

    private ObjectFields() {}

    /** The metadata of a PUT, CopyObject with REPLACE, or CreateMultipartUpload. */
    static ObjectMetadata metadata(Input in) {
        Map<String, String> system = new LinkedHashMap<>();
        SYSTEM_MEMBERS.forEach((member, header) -> in.string(member).ifPresent(value -> system.put(header, value)));
        in.instant("Expires").ifPresent(expires -> system.put("Expires", httpDate(expires)));
        return ObjectMetadata.of(system, in.text("StorageClass").orElse("STANDARD"), in.stringMap("Metadata"));
    }

    static TagSet tags(Input in) {
        return in.text("Tagging").map(tagging -> TagSet.forObject(Input.tagQuery(tagging))).orElse(TagSet.EMPTY);
    }

    /** The digest headers of a request, rebuilt from its members for {@code ExpectedDigests.fromHeaders}. */
    static List<Map.Entry<String, String>> digestHeaders(Input in) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        in.text("ContentMD5").ifPresent(md5 -> headers.add(Map.entry("Content-MD5", md5)));
        in.text("ChecksumAlgorithm").ifPresent(a -> headers.add(Map.entry("x-amz-sdk-checksum-algorithm", a)));
        for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
            in.text("Checksum" + algorithm.name()).ifPresent(v -> headers.add(Map.entry(algorithm.headerName(), v)));
        }
        for (String unsupported : List.of("SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128")) {
            in.text("Checksum" + unsupported).ifPresent(v -> headers.add(Map.entry("x-amz-checksum-"
                    + unsupported.toLowerCase(Locale.ROOT), v)));
        }
        return headers;
    }

    /**
     * A checksum the client sent after the body ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}), read
     * once {@code stream} is at its end: the sink checks it at commit. Only a trailer of the
     * algorithm the request announced ({@code x-amz-sdk-checksum-algorithm}) is checked, the one the
     * sink computes.
     */
    static void trailerChecksum(BodySink<?> sink, ExpectedDigests digests, InputStream stream) {
        if (!(stream instanceof TrailingHeaders trailing)) {
            return;
        }
        trailing.trailers().forEach((name, value) -> ChecksumAlgorithm.ofHeader(name)
                .filter(algorithm -> digests.checksumAlgorithm().filter(announced -> announced == algorithm).isPresent())
                .ifPresent(algorithm -> sink.expect(digests.withTrailerChecksum(algorithm, value))));
    }

    /** The members GET and HEAD answer for {@code version}, before the range and body. */
    static Map<String, Object> objectHeaders(ObjectVersion version, boolean checksums, boolean versioned) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("AcceptRanges", "bytes");
        out.put("LastModified", version.lastModified());
        out.put("ContentLength", version.size());
        out.put("ETag", version.quotedEtag());
        if (checksums) {
            version.checksum().ifPresent(checksum -> putChecksum(out, checksum));
        }
        if (versioned) {
            out.put("VersionId", version.versionId());
        }
        ObjectMetadata metadata = version.metadata();
        SYSTEM_MEMBERS.forEach((member, header) -> metadata.header(header).ifPresent(value -> out.put(member, value)));
        out.put("ContentType", metadata.contentType());
        metadata.header("Expires").flatMap(ObjectFields::parseHttpDate).ifPresent(expires -> out.put("Expires", expires));
        out.put("ServerSideEncryption", "AES256");
        if (!metadata.userMetadata().isEmpty()) {
            out.put("Metadata", new LinkedHashMap<>(metadata.userMetadata()));
        }
        if (!metadata.storageClass().equals("STANDARD")) {
            out.put("StorageClass", metadata.storageClass());
        }
        if (!version.partSizes().isEmpty()) {
            out.put("PartsCount", version.partSizes().size());
        }
        if (!version.tags().isEmpty()) {
            out.put("TagCount", version.tags().tags().size());
        }
        return out;
    }

    static void putChecksum(Map<String, Object> out, ObjectChecksum checksum) {
        out.put("Checksum" + checksum.algorithm().name(), checksum.value());
        out.put("ChecksumType", checksum.type().name());
    }

    /** A listing's entry for {@code version} (ListObjects, ListObjectsV2). */
    static Map<String, Object> listEntry(ObjectVersion version, String key, Optional<Map<String, Object>> owner) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Key", key);
        entry.put("LastModified", version.lastModified());
        entry.put("ETag", version.quotedEtag());
        version.checksum().ifPresent(checksum -> {
            entry.put("ChecksumAlgorithm", List.of(checksum.algorithm().name()));
            entry.put("ChecksumType", checksum.type().name());
        });
        entry.put("Size", version.size());
        entry.put("StorageClass", version.metadata().storageClass());
        owner.ifPresent(o -> entry.put("Owner", o));
        return entry;
    }

    static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Optional<Instant> parseHttpDate(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
