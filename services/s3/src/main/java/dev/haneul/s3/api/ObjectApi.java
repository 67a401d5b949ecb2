package dev.haneul.s3.api;

import static dev.haneul.s3.api.BucketApi.io;
import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.error.S3Exception;
import dev.haneul.s3.store.BodySink;
import dev.haneul.s3.store.CopyOptions;
import dev.haneul.s3.store.CopySource;
import dev.haneul.s3.store.DeleteResult;
import dev.haneul.s3.store.GetObjectOptions;
import dev.haneul.s3.store.ObjectMetadata;
import dev.haneul.s3.store.ObjectRead;
import dev.haneul.s3.store.ObjectVersion;
import dev.haneul.s3.store.PutObjectOptions;
import dev.haneul.s3.store.ReadConditions;
import dev.haneul.s3.store.S3Store;
import dev.haneul.s3.store.TagSet;
import dev.haneul.s3.store.VersioningState;
import dev.haneul.s3.store.WriteCondition;
import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ExpectedDigests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Objects: PutObject (streamed into the store), GetObject (streamed out of the data file, with
 * {@code Range}, {@code partNumber}, the conditional headers and {@code response-*} overrides),
 * HeadObject, DeleteObject, DeleteObjects, CopyObject (metadata and tagging directives, source
 * conditions) and object tagging.
 */
final class ObjectApi {

    private static final Map<String, String> RESPONSE_OVERRIDES = Map.of(
            "ResponseCacheControl", "CacheControl",
            "ResponseContentDisposition", "ContentDisposition",
            "ResponseContentEncoding", "ContentEncoding",
            "ResponseContentLanguage", "ContentLanguage",
            "ResponseContentType", "ContentType");

    private final S3Store store;

    ObjectApi(S3Store store, Clock clock) {
        this.store = requireNonNull(store, "store");
        requireNonNull(clock, "clock");
    }

    void bind(Operations.Builder table) {
        table.addTree("PutObject", io(this::putObject))
                .addTree("GetObject", io((context, in) -> read(in, true)))
                .addTree("HeadObject", io((context, in) -> read(in, false)))
                .addTree("DeleteObject", io(this::deleteObject))
                .addTree("DeleteObjects", io(this::deleteObjects))
                .addTree("CopyObject", io(this::copyObject))
                .addTree("GetObjectTagging", io(this::getObjectTagging))
                .addTree("PutObjectTagging", io(this::putObjectTagging))
                .addTree("DeleteObjectTagging", io(this::deleteObjectTagging));
    }

    private Map<String, Object> putObject(RequestContext context, Input in) throws IOException {
        String bucket = in.bucket();
        String key = in.key();
        StreamingBlob body = in.value("Body").filter(StreamingBlob.class::isInstance).map(StreamingBlob.class::cast)
                .orElse(StreamingBlob.of(new byte[0]));
        OptionalLong declared = in.length("ContentLength");
        if (declared.isEmpty() && body.contentLength() >= 0) {
            declared = OptionalLong.of(body.contentLength());
        }
        PutObjectOptions put = new PutObjectOptions(ObjectFields.metadata(in), ObjectFields.tags(in),
                ExpectedDigests.fromHeaders(ObjectFields.digestHeaders(in)),
                WriteCondition.fromHeaders(in.text("IfMatch"), in.text("IfNoneMatch")), declared);
        ObjectVersion version;
        try (BodySink<ObjectVersion> sink = store.openPut(bucket, key, put);
             InputStream stream = body.openStream()) {
            sink.writeAll(stream);
            ObjectFields.trailerChecksum(sink, put.digests(), stream);
            if (declared.isPresent() && sink.size() != declared.getAsLong()) {
                throw S3Error.INCOMPLETE_BODY.exception(Map.of());
            }
            version = sink.commit();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ETag", version.quotedEtag());
        version.checksum().ifPresent(checksum -> ObjectFields.putChecksum(out, checksum));
        out.put("ServerSideEncryption", "AES256");
        if (!version.isNullVersion()) {
            out.put("VersionId", version.versionId());
        }
        return out;
    }

    private Map<String, Object> read(Input in, boolean withBody) throws IOException {
        String bucket = in.bucket();
        GetObjectOptions get = new GetObjectOptions(in.text("VersionId"), in.text("Range"), in.integer("PartNumber"),
                new ReadConditions(in.text("IfMatch"), in.text("IfNoneMatch"), in.instant("IfModifiedSince"),
                        in.instant("IfUnmodifiedSince")));
        boolean versioned = store.bucket(bucket).versioning() != VersioningState.UNVERSIONED;
        ObjectRead read = withBody ? store.getObject(bucket, in.key(), get) : store.headObject(bucket, in.key(), get);
        boolean keepOpen = false;
        try {
            ObjectVersion version = read.version();
            if (read.notModified()) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put(S3Provider.NOT_MODIFIED, Boolean.TRUE);
                out.put("ETag", version.quotedEtag());
                out.put("LastModified", version.lastModified());
                return out;
            }
            boolean whole = !read.range().partial();
            Map<String, Object> out = ObjectFields.objectHeaders(version,
                    whole && in.text("ChecksumMode").filter("ENABLED"::equalsIgnoreCase).isPresent(),
                    versioned || !version.isNullVersion());
            // A part asked for by number is a range of the object, even the one part of a simple upload
            // (the SDK's multipart download reads Content-Range to learn the object's size).
            if (read.range().partial() || in.integer("PartNumber").isPresent() && version.size() > 0) {
                out.put("ContentRange", read.range().contentRange());
            }
            out.put("ContentLength", read.range().length());
            RESPONSE_OVERRIDES.forEach((query, member) -> in.text(query).ifPresent(value -> out.put(member, value)));
            in.instant("ResponseExpires").ifPresent(expires -> out.put("Expires", expires));
            if (withBody) {
                out.put("Body", body(read));
                keepOpen = read.file().isPresent();
            }
            return out;
        } finally {
            if (!keepOpen) {
                read.close();
            }
        }
    }

    /**
     * The body to answer with: a small object's bytes (the gateway writes them with the head in one
     * response), or a range of a large object's file, which the gateway sends by {@code sendfile} and
     * then releases.
     */
    private static StreamingBlob body(ObjectRead read) {
        Optional<ByteBuffer> inline = read.bytes();
        if (inline.isPresent()) {
            byte[] bytes = new byte[inline.get().remaining()];
            inline.get().get(bytes);
            return StreamingBlob.of(bytes);
        }
        return StreamingBlob.ofFile(read.file().orElseThrow(), read.range().first(), read.range().length(), read);
    }

    private Map<String, Object> deleteObject(RequestContext context, Input in) throws IOException {
        DeleteResult result = store.deleteObject(in.bucket(), in.key(), in.text("VersionId"));
        Map<String, Object> out = new LinkedHashMap<>();
        if (result.deleteMarker()) {
            out.put("DeleteMarker", Boolean.TRUE);
        }
        result.versionId().ifPresent(id -> out.put("VersionId", id));
        return out;
    }

    private Map<String, Object> deleteObjects(RequestContext context, Input in) throws IOException {
        String bucket = in.bucket();
        store.bucket(bucket);
        Input delete = in.structure("Delete").orElseThrow(ObjectApi::malformedXml);
        List<Input> objects = delete.list("Objects");
        if (objects.isEmpty() || objects.size() > 1000) {
            throw malformedXml();
        }
        boolean quiet = delete.flag("Quiet");
        List<Map<String, Object>> deleted = new ArrayList<>();
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int position = 0; position < objects.size(); position++) {
            Input object = objects.get(position);
            String key = object.string("Key").orElse("");
            Optional<String> versionId = object.text("VersionId");
            if (context.deniedItems().denied(position)) {
                // Authorized key by key (s3:DeleteObject or …Version): a denied one is reported, the rest deleted.
                errors.add(error(key, versionId, "AccessDenied", "Access Denied"));
                continue;
            }
            try {
                DeleteResult result = store.deleteObject(bucket, key, versionId);
                if (!quiet) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("Key", key);
                    versionId.ifPresent(id -> entry.put("VersionId", id));
                    if (result.deleteMarker()) {
                        entry.put("DeleteMarker", Boolean.TRUE);
                        result.versionId().ifPresent(id -> entry.put("DeleteMarkerVersionId", id));
                    }
                    deleted.add(entry);
                }
            } catch (S3Exception e) {
                errors.add(error(key, versionId, e.code(), String.valueOf(e.getMessage())));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (!deleted.isEmpty()) {
            out.put("Deleted", deleted);
        }
        if (!errors.isEmpty()) {
            out.put("Errors", errors);
        }
        return out;
    }

    /** A key DeleteObjects did not delete, as its {@code <Error>} entry. */
    private static Map<String, Object> error(String key, Optional<String> versionId, String code, String message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Key", key);
        versionId.ifPresent(id -> entry.put("VersionId", id));
        entry.put("Code", code);
        entry.put("Message", message);
        return entry;
    }

    static S3Exception malformedXml() {
        return S3Error.BAD_REQUEST.exception("The XML you provided was not well-formed or did not validate against our"
                + " published schema", Map.of());
    }

    private Map<String, Object> copyObject(RequestContext context, Input in) throws IOException {
        CopySource source = copySource(in);
        String metadataDirective = in.text("MetadataDirective").orElse("COPY");
        String taggingDirective = in.text("TaggingDirective").orElse("COPY");
        if (!metadataDirective.equals("COPY") && !metadataDirective.equals("REPLACE")) {
            throw S3Provider.invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", metadataDirective);
        }
        if (!taggingDirective.equals("COPY") && !taggingDirective.equals("REPLACE")) {
            throw S3Provider.invalidArgument("Unknown tagging directive.", "x-amz-tagging-directive", taggingDirective);
        }
        CopyOptions copy = new CopyOptions(
                metadataDirective.equals("REPLACE") ? Optional.of(ObjectFields.metadata(in)) : Optional.empty(),
                taggingDirective.equals("REPLACE") ? Optional.of(ObjectFields.tags(in)) : Optional.empty(),
                WriteCondition.fromHeaders(in.text("IfMatch"), in.text("IfNoneMatch")),
                in.text("ChecksumAlgorithm").flatMap(ChecksumAlgorithm::named));
        if (copy.replaceMetadata().isEmpty() && in.text("StorageClass").isPresent()) {
            // A storage class change alone keeps the rest of the source's metadata.
            ObjectVersion src = store.headObject(source.bucket(), source.key(),
                    source.versionId().map(GetObjectOptions.latest()::withVersion).orElse(GetObjectOptions.latest()))
                    .version();
            copy = new CopyOptions(Optional.of(ObjectMetadata.of(src.metadata().systemHeaders(),
                    in.text("StorageClass").get(), src.metadata().userMetadata())), copy.replaceTags(), copy.condition(),
                    copy.checksumAlgorithm());
        }
        ObjectVersion version = store.copyObject(source, in.bucket(), in.key(), copy);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ETag", version.quotedEtag());
        result.put("LastModified", version.lastModified());
        version.checksum().ifPresent(checksum -> {
            result.put("ChecksumType", checksum.type().name());
            result.put("Checksum" + checksum.algorithm().name(), checksum.value());
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CopyObjectResult", result);
        source.versionId().ifPresent(id -> out.put("CopySourceVersionId", id));
        if (!version.isNullVersion()) {
            out.put("VersionId", version.versionId());
        }
        out.put("ServerSideEncryption", "AES256");
        return out;
    }

    /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=id]}, percent-encoded, with its conditions. */
    static CopySource copySource(Input in) {
        String header = in.text("CopySource").orElseThrow(() -> S3Error.INVALID_ARGUMENT.exception(
                "Copy Source must mention the source bucket and key: sourcebucket/sourcekey", Map.of()));
        String raw = header.startsWith("/") ? header.substring(1) : header;
        Optional<String> versionId = Optional.empty();
        int question = raw.indexOf('?');
        if (question >= 0) {
            String query = raw.substring(question + 1);
            raw = raw.substring(0, question);
            if (query.startsWith("versionId=")) {
                versionId = Optional.of(percentDecode(query.substring("versionId=".length())));
            }
        }
        String path = percentDecode(raw);
        int slash = path.indexOf('/');
        if (slash <= 0 || slash == path.length() - 1) {
            throw S3Provider.invalidArgument("Invalid copy source object key", "x-amz-copy-source", header);
        }
        ReadConditions conditions = new ReadConditions(in.text("CopySourceIfMatch"), in.text("CopySourceIfNoneMatch"),
                in.instant("CopySourceIfModifiedSince"), in.instant("CopySourceIfUnmodifiedSince"));
        return new CopySource(path.substring(0, slash), path.substring(slash + 1), versionId, conditions);
    }

    /** RFC 3986 percent-decoding ({@code +} stays a plus, as S3 reads the copy source). */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    bytes.write(hi << 4 | lo);
                    i += 2;
                    continue;
                }
            }
            byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            bytes.write(utf8, 0, utf8.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private Map<String, Object> getObjectTagging(RequestContext context, Input in) {
        ObjectVersion version = store.objectTags(in.bucket(), in.key(), in.text("VersionId"));
        Map<String, Object> out = new LinkedHashMap<>();
        if (!version.isNullVersion()) {
            out.put("VersionId", version.versionId());
        }
        out.put("TagSet", BucketApi.tagList(version.tags()));
        return out;
    }

    private Map<String, Object> putObjectTagging(RequestContext context, Input in) throws IOException {
        List<Map.Entry<String, String>> tags = new ArrayList<>();
        in.structure("Tagging").ifPresent(t -> t.list("TagSet")
                .forEach(tag -> tags.add(Map.entry(tag.string("Key").orElse(""), tag.string("Value").orElse("")))));
        ObjectVersion version = store.putObjectTags(in.bucket(), in.key(), in.text("VersionId"), TagSet.forObject(tags));
        return version.isNullVersion() ? Map.of() : Map.of("VersionId", version.versionId());
    }

    private Map<String, Object> deleteObjectTagging(RequestContext context, Input in) throws IOException {
        ObjectVersion version = store.deleteObjectTags(in.bucket(), in.key(), in.text("VersionId"));
        return version.isNullVersion() ? Map.of() : Map.of("VersionId", version.versionId());
    }
}
