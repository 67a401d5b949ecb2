package dev.haneul.s3.api;

import static dev.haneul.s3.api.BucketApi.io;
import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.s3.error.S3Error;
import dev.haneul.s3.store.BodySink;
import dev.haneul.s3.store.CompletedPart;
import dev.haneul.s3.store.CopySource;
import dev.haneul.s3.store.ListPartsResult;
import dev.haneul.s3.store.ListUploadsResult;
import dev.haneul.s3.store.MultipartUpload;
import dev.haneul.s3.store.ObjectVersion;
import dev.haneul.s3.store.S3Store;
import dev.haneul.s3.store.UploadedPart;
import dev.haneul.s3.store.WriteCondition;
import dev.haneul.s3.wire.ChecksumAlgorithm;
import dev.haneul.s3.wire.ChecksumType;
import dev.haneul.s3.wire.ExpectedDigests;
import dev.haneul.s3.wire.S3UrlEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Multipart uploads: create, upload part (streamed), upload part copy ({@code x-amz-copy-source-range}),
 * complete (part order, ETags, the 5 MiB minimum and checksums checked by the store), abort,
 * list parts and list uploads.
 */
final class MultipartApi {

    private final S3Store store;
    private final Map<String, Object> owner;

    MultipartApi(S3Store store, String accountId) {
        this.store = requireNonNull(store, "store");
        this.owner = Map.of("ID", BucketApi.canonicalId(accountId));
    }

    void bind(Operations.Builder table) {
        table.addTree("CreateMultipartUpload", io(this::create))
                .addTree("UploadPart", io(this::uploadPart))
                .addTree("UploadPartCopy", io(this::uploadPartCopy))
                .addTree("CompleteMultipartUpload", io(this::complete))
                .addTree("AbortMultipartUpload", io(this::abort))
                .addTree("ListParts", io(this::listParts))
                .addTree("ListMultipartUploads", io(this::listUploads));
    }

    private Map<String, Object> create(RequestContext context, Input in) throws IOException {
        Optional<ChecksumAlgorithm> algorithm = in.text("ChecksumAlgorithm").map(name -> ChecksumAlgorithm.named(name)
                .orElseThrow(() -> S3Provider.invalidArgument("Checksum algorithm provided is unsupported.",
                        "x-amz-checksum-algorithm", name)));
        Optional<ChecksumType> type = in.text("ChecksumType").map(name -> {
            try {
                return ChecksumType.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw S3Provider.invalidArgument("Value for x-amz-checksum-type header is invalid.", "x-amz-checksum-type",
                        name);
            }
        });
        MultipartUpload upload = store.createMultipartUpload(in.bucket(), in.key(), ObjectFields.metadata(in),
                ObjectFields.tags(in), algorithm, type);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bucket", in.bucket());
        out.put("Key", upload.key());
        out.put("UploadId", upload.uploadId());
        out.put("ServerSideEncryption", "AES256");
        upload.checksumAlgorithm().ifPresent(a -> out.put("ChecksumAlgorithm", a.name()));
        upload.checksumType().ifPresent(t -> out.put("ChecksumType", t.name()));
        return out;
    }

    private Map<String, Object> uploadPart(RequestContext context, Input in) throws IOException {
        StreamingBlob body = in.value("Body").filter(StreamingBlob.class::isInstance).map(StreamingBlob.class::cast)
                .orElse(StreamingBlob.of(new byte[0]));
        OptionalLong declared = in.length("ContentLength");
        if (declared.isEmpty() && body.contentLength() >= 0) {
            declared = OptionalLong.of(body.contentLength());
        }
        UploadedPart part;
        ExpectedDigests digests = ExpectedDigests.fromHeaders(ObjectFields.digestHeaders(in));
        try (BodySink<UploadedPart> sink = store.openPart(in.bucket(), in.key(), in.required("UploadId"),
                in.integer("PartNumber").orElse(0), digests, declared);
             InputStream stream = body.openStream()) {
            sink.writeAll(stream);
            ObjectFields.trailerChecksum(sink, digests, stream);
            if (declared.isPresent() && sink.size() != declared.getAsLong()) {
                throw S3Error.INCOMPLETE_BODY.exception(Map.of());
            }
            part = sink.commit();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ServerSideEncryption", "AES256");
        out.put("ETag", part.quotedEtag());
        part.checksum().ifPresent(checksum -> out.put("Checksum" + checksum.algorithm().name(), checksum.value()));
        return out;
    }

    private Map<String, Object> uploadPartCopy(RequestContext context, Input in) throws IOException {
        CopySource source = ObjectApi.copySource(in);
        UploadedPart part = store.uploadPartCopy(in.bucket(), in.key(), in.required("UploadId"),
                in.integer("PartNumber").orElse(0), source, in.text("CopySourceRange"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ETag", part.quotedEtag());
        result.put("LastModified", part.lastModified());
        part.checksum().ifPresent(checksum -> result.put("Checksum" + checksum.algorithm().name(), checksum.value()));
        Map<String, Object> out = new LinkedHashMap<>();
        source.versionId().ifPresent(id -> out.put("CopySourceVersionId", id));
        out.put("CopyPartResult", result);
        out.put("ServerSideEncryption", "AES256");
        return out;
    }

    private Map<String, Object> complete(RequestContext context, Input in) throws IOException {
        String uploadId = in.required("UploadId");
        List<CompletedPart> parts = new ArrayList<>();
        Optional<ChecksumAlgorithm> algorithm = Optional.empty();
        try {
            algorithm = store.listParts(in.bucket(), in.key(), uploadId, 0, 1).upload().checksumAlgorithm();
        } catch (RuntimeException e) {
            // NoSuchUpload and NoSuchBucket come from complete itself, below.
        }
        for (Input part : in.structure("MultipartUpload").map(m -> m.list("Parts")).orElse(List.of())) {
            Optional<String> checksum = algorithm.flatMap(a -> part.text("Checksum" + a.name()));
            parts.add(new CompletedPart(part.integer("PartNumber").orElse(0), part.string("ETag").orElse(""), checksum));
        }
        ObjectVersion version = store.completeMultipartUpload(in.bucket(), in.key(), uploadId, parts,
                WriteCondition.fromHeaders(in.text("IfMatch"), in.text("IfNoneMatch")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Location", "/" + in.bucket() + "/" + in.key());
        out.put("Bucket", in.bucket());
        out.put("Key", in.key());
        out.put("ETag", version.quotedEtag());
        version.checksum().ifPresent(checksum -> ObjectFields.putChecksum(out, checksum));
        out.put("ServerSideEncryption", "AES256");
        if (!version.isNullVersion()) {
            out.put("VersionId", version.versionId());
        }
        return out;
    }

    private Map<String, Object> abort(RequestContext context, Input in) throws IOException {
        store.abortMultipartUpload(in.bucket(), in.key(), in.required("UploadId"));
        return Map.of();
    }

    private Map<String, Object> listParts(RequestContext context, Input in) {
        int marker = in.integer("PartNumberMarker").orElse(0);
        int max = in.integer("MaxParts").orElse(1000);
        ListPartsResult result = store.listParts(in.bucket(), in.key(), in.required("UploadId"), marker, max);
        List<Map<String, Object>> parts = new ArrayList<>();
        for (UploadedPart part : result.parts()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("PartNumber", part.partNumber());
            item.put("LastModified", part.lastModified());
            item.put("ETag", part.quotedEtag());
            item.put("Size", part.size());
            part.checksum().ifPresent(checksum -> item.put("Checksum" + checksum.algorithm().name(), checksum.value()));
            parts.add(item);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bucket", in.bucket());
        out.put("Key", in.key());
        out.put("UploadId", result.upload().uploadId());
        out.put("PartNumberMarker", marker);
        result.nextPartNumberMarker().ifPresent(next -> out.put("NextPartNumberMarker", next));
        out.put("MaxParts", max);
        out.put("IsTruncated", result.truncated());
        out.put("Parts", parts);
        out.put("Initiator", owner);
        out.put("Owner", owner);
        out.put("StorageClass", result.upload().metadata().storageClass());
        result.upload().checksumAlgorithm().ifPresent(a -> out.put("ChecksumAlgorithm", a.name()));
        result.upload().checksumType().ifPresent(t -> out.put("ChecksumType", t.name()));
        return out;
    }

    private Map<String, Object> listUploads(RequestContext context, Input in) {
        UnaryOperator<String> enc = in.text("EncodingType").isPresent() ? S3UrlEncoding::encode : UnaryOperator.identity();
        String prefix = in.string("Prefix").orElse("");
        int max = in.integer("MaxUploads").orElse(1000);
        ListUploadsResult result = store.listMultipartUploads(in.bucket(), prefix, in.text("Delimiter"),
                in.text("KeyMarker"), in.text("UploadIdMarker"), max);
        List<Map<String, Object>> uploads = new ArrayList<>();
        for (MultipartUpload upload : result.uploads()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("UploadId", upload.uploadId());
            item.put("Key", enc.apply(upload.key()));
            item.put("Initiated", upload.initiated());
            item.put("StorageClass", upload.metadata().storageClass());
            item.put("Owner", owner);
            item.put("Initiator", owner);
            upload.checksumAlgorithm().ifPresent(a -> item.put("ChecksumAlgorithm", a.name()));
            upload.checksumType().ifPresent(t -> item.put("ChecksumType", t.name()));
            uploads.add(item);
        }
        List<Map<String, Object>> prefixes = new ArrayList<>();
        result.commonPrefixes().forEach(p -> prefixes.add(Map.of("Prefix", enc.apply(p))));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bucket", in.bucket());
        out.put("KeyMarker", enc.apply(in.string("KeyMarker").orElse("")));
        out.put("UploadIdMarker", in.string("UploadIdMarker").orElse(""));
        result.nextKeyMarker().ifPresent(m -> out.put("NextKeyMarker", enc.apply(m)));
        result.nextUploadIdMarker().ifPresent(m -> out.put("NextUploadIdMarker", m));
        out.put("Prefix", enc.apply(prefix));
        in.text("Delimiter").ifPresent(d -> out.put("Delimiter", enc.apply(d)));
        out.put("MaxUploads", max);
        out.put("IsTruncated", result.truncated());
        out.put("Uploads", uploads);
        out.put("CommonPrefixes", prefixes);
        in.text("EncodingType").ifPresent(e -> out.put("EncodingType", e));
        return out;
    }
}
