package dev.haneul.core.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.haneul.core.api.AwsServiceException;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.protocol.DecodedRequest;
import dev.haneul.core.protocol.ProtocolException;
import dev.haneul.core.protocol.ProtocolOptions;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.protocol.WireRequest;
import dev.haneul.core.protocol.WireResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rest-xml codec's wire rules, without the corpora, on an object store shaped like S3. */
class RestXmlCodecTest {

    private static final String NS = "http://store.example/doc/2024-01-01/";
    /** The object store's virtual-hosted addressing: {@code <bucket>.store.<anything>}. */
    private static final HostAddressing VIRTUAL_HOSTS = (host, rawPath) -> {
        int dot = host.indexOf(".store.");
        return dot > 0 ? "/" + host.substring(0, dot) + rawPath : rawPath;
    };

    private final ServiceModel model = RestTestModels.store();
    private final RestXmlCodec codec = new RestXmlCodec(model, ProtocolOptions.DEFAULTS.withHostAddressing(VIRTUAL_HOSTS));

    static WireRequest request(String method, String uri, byte[] body, String... headers) {
        int question = uri.indexOf('?');
        List<Map.Entry<String, String>> list = new ArrayList<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            list.add(Map.entry(headers[i], headers[i + 1]));
        }
        return new WireRequest(method, question < 0 ? uri : uri.substring(0, question),
                question < 0 ? "" : uri.substring(question + 1), list, StreamingBlob.of(body));
    }

    static WireRequest request(String method, String uri, String... headers) {
        return request(method, uri, new byte[0], headers);
    }

    private DecodedRequest decode(WireRequest request) {
        return codec.decode(request);
    }

    @Test
    void routesByMethodPathAndLiteralQueryParametersMostSpecificFirst() {
        assertThat(decode(request("GET", "/")).operation().name()).isEqualTo("ListBuckets");
        assertThat(decode(request("GET", "/photos")).operation().name()).isEqualTo("ListObjects");
        assertThat(decode(request("GET", "/photos?list-type=2&prefix=2024")).operation().name()).isEqualTo("ListObjectsV2");
        assertThat(decode(request("GET", "/photos?list-type=3")).operation().name()).isEqualTo("ListObjects");
        assertThat(decode(request("GET", "/photos/")).operation().name()).isEqualTo("ListObjects");
        assertThat(decode(request("POST", "/photos/a.jpg?uploads")).operation().name()).isEqualTo("CreateMultipartUpload");
        assertThat(decode(request("GET", "/photos/a.jpg")).operation().name()).isEqualTo("GetObject");
        assertThat(decode(request("DELETE", "/photos/a.jpg")).operation().name()).isEqualTo("DeleteObject");
    }

    @Test
    void operationsSharingATemplateAreToldApartByTheBindingsTheirInputRequires() {
        assertThat(decode(request("PUT", "/photos/a.jpg")).operation().name()).isEqualTo("PutObject");
        assertThat(decode(request("PUT", "/photos/a.jpg", "x-amz-copy-source", "/other/b.jpg")).operation().name())
                .isEqualTo("CopyObject");
        assertThat(decode(request("PUT", "/photos/a.jpg?partNumber=2&uploadId=u-1")).operation().name())
                .isEqualTo("UploadPart");
        assertThat(decode(request("PUT", "/photos/a.jpg?partNumber=2")).operation().name()).isEqualTo("PutObject");
        assertThat(decode(request("PUT", "/photos/a.jpg?x-id=PutObjectLegacy")).operation().name())
                .isEqualTo("PutObjectLegacy");
        assertThat(decode(request("PUT", "/photos/a.jpg?x-id=ListBuckets")).operation().name()).isEqualTo("PutObject");
    }

    @Test
    void labelsAreDecodedAfterMatchingAndAGreedyLabelKeepsItsSlashes() {
        Map<String, Object> in = decode(request("GET", "/photos/2024/summer/a%2Fb%20c+d.jpg?versionId=v%2B1")).input();
        assertThat(in).containsEntry("Bucket", "photos").containsEntry("Key", "2024/summer/a/b c+d.jpg")
                .containsEntry("VersionId", "v+1");
        assertThat(decode(request("GET", "/photos/dir/")).input()).containsEntry("Key", "dir/");
        assertThatThrownBy(() -> decode(request("GET", "/photos/%E2%28")))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProtocolException.Kind.MALFORMED));
    }

    @Test
    void queryParametersAreTypedAndLiteralOnesAreNotInput() {
        Map<String, Object> in = decode(request("GET", "/photos?list-type=2&max-keys=100&prefix=a%20b")).input();
        assertThat(in).containsExactlyInAnyOrderEntriesOf(Map.of("Bucket", "photos", "MaxKeys", 100, "Prefix", "a b"));
        assertThatThrownBy(() -> decode(request("GET", "/photos?max-keys=many")))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.path()).isEqualTo("max-keys"));
    }

    @Test
    void virtualHostedAndPathStyleRequestsDecodeToTheSameInput() {
        DecodedRequest pathStyle = decode(request("GET", "/photos/2024/a.jpg", "Host", "127.0.0.1:4566"));
        DecodedRequest virtual = decode(request("GET", "/2024/a.jpg", "Host", "photos.store.localhost:4566"));
        assertThat(virtual.operation()).isSameAs(pathStyle.operation());
        assertThat(virtual.input()).isEqualTo(pathStyle.input());
        assertThat(decode(request("GET", "/", "Host", "photos.store.localhost")).operation().name())
                .isEqualTo("ListObjects");
    }

    @Test
    void headersAndPrefixHeadersBindToMembers() {
        Map<String, Object> in = decode(request("PUT", "/photos/a.jpg", "x".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "image/jpeg", "Content-Length", "1", "Expires", "Sun, 25 Jan 2015 08:00:00 GMT",
                "x-amz-meta-color", "red", "X-Amz-Meta-Camera", "  F2  ", "x-amz-acl", "private")).input();
        assertThat(in).containsEntry("ContentType", "image/jpeg").containsEntry("ContentLength", 1L)
                .containsEntry("Expires", Instant.parse("2015-01-25T08:00:00Z"))
                .containsEntry("Metadata", Map.of("color", "red", "Camera", "  F2  "))
                .doesNotContainKey("ACL");
    }

    @Test
    void aStreamingPayloadReachesTheProviderUnreadAndUncopied() throws Exception {
        StreamingBlob body = StreamingBlob.of(new ByteArrayInputStream("gigabytes".getBytes(StandardCharsets.UTF_8)), 9);
        WireRequest request = new WireRequest("PUT", "/photos/big.bin", "", List.of(Map.entry("Content-Length", "9")), body);
        Map<String, Object> in = decode(request).input();
        assertThat(in.get("Body")).isSameAs(body);
        assertThat(new String(body.openStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("gigabytes");
        assertThat(((StreamingBlob) decode(request("PUT", "/photos/empty")).input().get("Body")).contentLength()).isZero();
    }

    @Test
    void aStructurePayloadIsTheWholeBodyWhateverItsNamespace() {
        Map<String, Object> in = decode(request("PUT", "/photos", ("<CreateBucketConfiguration xmlns=\"" + NS + "\">"
                + "<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>")
                .getBytes(StandardCharsets.UTF_8), "x-amz-acl", "private")).input();
        assertThat(in).containsEntry("Configuration", Map.of("LocationConstraint", "eu-west-1"))
                .containsEntry("ACL", "private");
        assertThat(decode(request("PUT", "/photos")).input()).doesNotContainKey("Configuration");
    }

    @Test
    void flattenedListsAreReadFromRepeatedElements() {
        Map<String, Object> in = decode(request("POST", "/photos?delete", ("<Delete><Object><Key>a</Key></Object>"
                + "<Object><Key>b</Key></Object><Quiet>true</Quiet></Delete>").getBytes(StandardCharsets.UTF_8))).input();
        assertThat(in.get("Delete")).isEqualTo(Map.of("Objects", List.of(Map.of("Key", "a"), Map.of("Key", "b")),
                "Quiet", true));
    }

    @Test
    void malformedXmlDtdsAndDeepNestingAreRefused() {
        for (String body : List.of("<Delete><Object>", "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete>&x;</Delete>",
                "<a>".repeat(100) + "</a>".repeat(100))) {
            assertThatThrownBy(() -> decode(request("POST", "/photos?delete", body.getBytes(StandardCharsets.UTF_8))))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                        assertThat(e.code()).isEqualTo("MalformedXML");
                        assertThat(e.status()).isEqualTo(400);
                    });
        }
    }

    @Test
    void outputBodiesUseTheShapesRootNameTheServiceNamespaceAndFlattenedLists() {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("Name", "photos");
        output.put("Contents", List.of(Map.of("Key", "a.jpg", "Size", 3L), Map.of("Key", "b.jpg", "Size", 4L)));
        output.put("CommonPrefixes", List.of(Map.of("Prefix", "2024/")));
        output.put("IsTruncated", false);
        WireResponse response = codec.encode(model.operation("ListObjectsV2").orElseThrow(), output, "r-1");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/xml");
        assertThat(text(response)).isEqualTo("<ListBucketResult xmlns=\"" + NS + "\"><Name>photos</Name>"
                + "<Contents><Key>a.jpg</Key><Size>3</Size></Contents><Contents><Key>b.jpg</Key><Size>4</Size></Contents>"
                + "<CommonPrefixes><Prefix>2024/</Prefix></CommonPrefixes><IsTruncated>false</IsTruncated></ListBucketResult>");
        Map<String, Object> buckets = Map.of("Buckets", List.of(Map.of("Name", "photos",
                "CreationDate", Instant.parse("2024-05-01T10:00:00Z"))));
        assertThat(text(codec.encode(model.operation("ListBuckets").orElseThrow(), buckets, "r-2")))
                .isEqualTo("<ListAllMyBucketsResult xmlns=\"" + NS + "\"><Buckets><Bucket><Name>photos</Name>"
                        + "<CreationDate>2024-05-01T10:00:00Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>");
    }

    @Test
    void aStreamingOutputPayloadIsTheResponseBodyAndHeadersCarryTheRest() {
        StreamingBlob body = StreamingBlob.of(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        Map<String, Object> output = Map.of("Body", body, "ContentType", "image/png",
                "LastModified", Instant.parse("2015-01-25T08:00:00Z"), "Metadata", Map.of("color", "red"));
        WireResponse response = codec.encode(model.operation("GetObject").orElseThrow(), output, "r");
        assertThat(response.body()).isSameAs(body);
        assertThat(response.headers()).containsEntry("Content-Type", "image/png")
                .containsEntry("Last-Modified", "Sun, 25 Jan 2015 08:00:00 GMT")
                .containsEntry("x-amz-meta-color", "red");
        WireResponse created = codec.encode(model.operation("CreateBucket").orElseThrow(), Map.of("Location", "/photos"), "r");
        assertThat(created.headers()).containsEntry("Location", "/photos");
        assertThat(created.contentType()).isEmpty();
        assertThat(created.body().contentLength()).isZero();
        assertThat(codec.encode(model.operation("DeleteObject").orElseThrow(), Map.of(), "r").status()).isEqualTo(204);
    }

    @Test
    void errorsAreWrappedInErrorResponseUnlessTheServiceSendsThemBareAndCarryUndeclaredMembersToo() {
        AwsServiceException error = new ServiceErrors(model).error("NoSuchKey",
                Map.of("Key", "a.jpg", "Missing", "yes"), "The specified key does not exist.");
        WireResponse wrapped = codec.encodeError(error, "r-1");
        assertThat(wrapped.status()).isEqualTo(404);
        assertThat(wrapped.headers()).containsEntry("x-amz-missing", "yes");
        assertThat(text(wrapped)).isEqualTo("<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type>"
                + "<Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a.jpg</Key></Error>"
                + "<RequestId>r-1</RequestId></ErrorResponse>");
        RestXmlCodec bare = new RestXmlCodec(model, ProtocolOptions.DEFAULTS
                .withXmlErrorEnvelope(ProtocolOptions.XmlErrorEnvelope.ERROR));
        AwsServiceException undeclared = new ServiceErrors(model).error("BucketAlreadyExists",
                Map.of("BucketName", "photos"), "The requested bucket name is not available.");
        assertThat(text(bare.encodeError(undeclared, "r-2"))).isEqualTo("<Error><Code>BucketAlreadyExists</Code>"
                + "<Message>The requested bucket name is not available.</Message><BucketName>photos</BucketName>"
                + "<RequestId>r-2</RequestId></Error>");
        assertThat(bare.encodeError(undeclared, "r-2").status()).isEqualTo(409);
    }

    @Test
    void aPathKnownUnderAnotherMethodIsMethodNotAllowed() {
        assertThatThrownBy(() -> decode(request("PATCH", "/photos/a.jpg")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.code()).isEqualTo("MethodNotAllowed");
                    assertThat(e.status()).isEqualTo(405);
                });
    }

    static String text(WireResponse response) {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }
}
