package dev.haneul.s3.api;

import static dev.haneul.s3.api.BucketApi.io;
import static java.util.Objects.requireNonNull;

import dev.haneul.core.api.Operations;
import dev.haneul.core.api.RequestContext;
import dev.haneul.s3.store.ListObjectsRequest;
import dev.haneul.s3.store.ListObjectsResult;
import dev.haneul.s3.store.ListVersionsRequest;
import dev.haneul.s3.store.ListVersionsResult;
import dev.haneul.s3.store.ObjectVersion;
import dev.haneul.s3.store.S3Store;
import dev.haneul.s3.wire.S3UrlEncoding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * ListObjectsV2, ListObjects and ListObjectVersions: every parameter (prefix, delimiter and
 * common prefixes, start-after and markers, continuation tokens, max-keys, fetch-owner) and
 * {@code encoding-type=url}, which the AWS CLI sends on every list call.
 */
final class ListingApi {

    private final S3Store store;
    private final String ownerId;

    ListingApi(S3Store store, String accountId) {
        this.store = requireNonNull(store, "store");
        this.ownerId = BucketApi.canonicalId(accountId);
    }

    void bind(Operations.Builder table) {
        table.addTree("ListObjectsV2", io(this::listObjectsV2))
                .addTree("ListObjects", io(this::listObjects))
                .addTree("ListObjectVersions", io(this::listObjectVersions));
    }

    private static UnaryOperator<String> encoding(Input in) {
        Optional<String> type = in.text("EncodingType");
        if (type.isEmpty()) {
            return UnaryOperator.identity();
        }
        if (!type.get().equals("url")) {
            throw S3Provider.invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", type.get());
        }
        return S3UrlEncoding::encode;
    }

    private static int maxKeys(Input in) {
        int max = in.integer("MaxKeys").orElse(ListObjectsRequest.MAX_KEYS);
        if (max < 0) {
            throw S3Provider.invalidArgument("Argument maxKeys must be an integer between 0 and 2147483647", "maxKeys",
                    Integer.toString(max));
        }
        return max;
    }

    private Map<String, Object> listObjectsV2(RequestContext context, Input in) {
        UnaryOperator<String> enc = encoding(in);
        int max = maxKeys(in);
        String prefix = in.string("Prefix").orElse("");
        ListObjectsResult result = store.listObjectsV2(in.bucket(), new ListObjectsRequest(prefix, in.text("Delimiter"),
                in.text("StartAfter"), in.text("ContinuationToken"), max));
        Optional<Map<String, Object>> owner = in.flag("FetchOwner") ? Optional.of(owner()) : Optional.empty();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IsTruncated", result.truncated());
        out.put("Contents", contents(result.contents(), enc, owner));
        out.put("Name", in.bucket());
        out.put("Prefix", enc.apply(prefix));
        in.text("Delimiter").ifPresent(d -> out.put("Delimiter", enc.apply(d)));
        out.put("MaxKeys", max);
        out.put("CommonPrefixes", prefixes(result.commonPrefixes(), enc));
        in.text("EncodingType").ifPresent(e -> out.put("EncodingType", e));
        out.put("KeyCount", result.keyCount());
        in.text("ContinuationToken").ifPresent(t -> out.put("ContinuationToken", t));
        result.nextContinuationToken().ifPresent(t -> out.put("NextContinuationToken", t));
        in.text("StartAfter").ifPresent(s -> out.put("StartAfter", enc.apply(s)));
        return out;
    }

    private Map<String, Object> listObjects(RequestContext context, Input in) {
        UnaryOperator<String> enc = encoding(in);
        int max = maxKeys(in);
        String prefix = in.string("Prefix").orElse("");
        ListObjectsResult result = store.listObjects(in.bucket(), new ListObjectsRequest(prefix, in.text("Delimiter"),
                in.text("Marker"), Optional.empty(), max));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IsTruncated", result.truncated());
        out.put("Marker", enc.apply(in.string("Marker").orElse("")));
        result.nextMarker().ifPresent(m -> out.put("NextMarker", enc.apply(m)));
        out.put("Contents", contents(result.contents(), enc, Optional.of(owner())));
        out.put("Name", in.bucket());
        out.put("Prefix", enc.apply(prefix));
        in.text("Delimiter").ifPresent(d -> out.put("Delimiter", enc.apply(d)));
        out.put("MaxKeys", max);
        out.put("CommonPrefixes", prefixes(result.commonPrefixes(), enc));
        in.text("EncodingType").ifPresent(e -> out.put("EncodingType", e));
        return out;
    }

    private Map<String, Object> listObjectVersions(RequestContext context, Input in) {
        UnaryOperator<String> enc = encoding(in);
        int max = maxKeys(in);
        String prefix = in.string("Prefix").orElse("");
        ListVersionsResult result = store.listObjectVersions(in.bucket(), new ListVersionsRequest(prefix,
                in.text("Delimiter"), in.text("KeyMarker"), in.text("VersionIdMarker"), max));
        List<Map<String, Object>> versions = new ArrayList<>();
        List<Map<String, Object>> markers = new ArrayList<>();
        for (ListVersionsResult.Entry entry : result.versions()) {
            ObjectVersion v = entry.version();
            Map<String, Object> item = new LinkedHashMap<>();
            if (v.deleteMarker()) {
                item.put("Owner", owner());
                item.put("Key", enc.apply(v.key()));
                item.put("VersionId", v.versionId());
                item.put("IsLatest", entry.latest());
                item.put("LastModified", v.lastModified());
                markers.add(item);
            } else {
                item.put("ETag", v.quotedEtag());
                v.checksum().ifPresent(checksum -> {
                    item.put("ChecksumAlgorithm", List.of(checksum.algorithm().name()));
                    item.put("ChecksumType", checksum.type().name());
                });
                item.put("Size", v.size());
                item.put("StorageClass", v.metadata().storageClass());
                item.put("Key", enc.apply(v.key()));
                item.put("VersionId", v.versionId());
                item.put("IsLatest", entry.latest());
                item.put("LastModified", v.lastModified());
                item.put("Owner", owner());
                versions.add(item);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("IsTruncated", result.truncated());
        out.put("KeyMarker", enc.apply(in.string("KeyMarker").orElse("")));
        out.put("VersionIdMarker", in.string("VersionIdMarker").orElse(""));
        result.nextKeyMarker().ifPresent(m -> out.put("NextKeyMarker", enc.apply(m)));
        result.nextVersionIdMarker().ifPresent(m -> out.put("NextVersionIdMarker", m));
        out.put("Versions", versions);
        out.put("DeleteMarkers", markers);
        out.put("Name", in.bucket());
        out.put("Prefix", enc.apply(prefix));
        in.text("Delimiter").ifPresent(d -> out.put("Delimiter", enc.apply(d)));
        out.put("MaxKeys", max);
        out.put("CommonPrefixes", prefixes(result.commonPrefixes(), enc));
        in.text("EncodingType").ifPresent(e -> out.put("EncodingType", e));
        return out;
    }

    private Map<String, Object> owner() {
        return Map.of("ID", ownerId);
    }

    private static List<Map<String, Object>> contents(List<ObjectVersion> versions, UnaryOperator<String> enc,
                                                      Optional<Map<String, Object>> owner) {
        List<Map<String, Object>> contents = new ArrayList<>(versions.size());
        for (ObjectVersion v : versions) {
            contents.add(ObjectFields.listEntry(v, enc.apply(v.key()), owner));
        }
        return contents;
    }

    private static List<Map<String, Object>> prefixes(List<String> prefixes, UnaryOperator<String> enc) {
        List<Map<String, Object>> list = new ArrayList<>(prefixes.size());
        for (String prefix : prefixes) {
            list.add(Map.of("Prefix", enc.apply(prefix)));
        }
        return list;
    }
}
