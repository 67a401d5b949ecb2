package dev.haneul.core.protocol.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.haneul.core.api.ErrorType;
import dev.haneul.core.api.RequestContext;
import dev.haneul.core.api.ServiceErrors;
import dev.haneul.core.api.ServiceProvider;
import dev.haneul.core.gateway.ApiDispatcher;
import dev.haneul.core.gateway.GatewayServer;
import dev.haneul.core.gateway.ServiceRegistry;
import dev.haneul.core.gateway.SigV4Signing;
import dev.haneul.core.netty.EventLoopRuntime;
import dev.haneul.core.protocol.OperationModel;
import dev.haneul.core.protocol.ProtocolOptions;
import dev.haneul.core.protocol.ServiceModel;
import dev.haneul.core.protocol.StreamingBlob;
import dev.haneul.core.testing.Corpora;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The rest-xml codec against the AWS SDK for Java's S3 client, on the real S3 model from the
 * corpora: a minimal in-memory object store behind the real gateway answers CreateBucket,
 * PutObject, GetObject, HeadObject, ListObjectsV2, DeleteObjects and a typed NoSuchKey, and the
 * client reads every answer. (The S3 service itself comes later; this proves the codec is ready.)
 */
class S3ClientCodecTest {

    private static EventLoopRuntime runtime;
    private static GatewayServer server;
    private static S3Client s3;
    private static ObjectStore store;

    @BeforeAll
    static void start() throws IOException {
        ServiceModel model = ServiceModel.fromJson(new ObjectMapper().readTree(
                Corpora.require("aws-models/s3/2006-03-01/service-2.json").toFile()));
        store = new ObjectStore(model);
        runtime = EventLoopRuntime.builder().threads(1).build();
        server = GatewayServer.builder()
                .address(new InetSocketAddress("127.0.0.1", 0))
                .runtime(runtime)
                .dispatcher(new ApiDispatcher(new ServiceRegistry(List.of(store)),
                        new SigV4Signing(Map.of(), Clock.systemUTC(), false), "000000000000", "us-east-1", "test"))
                .bind();
        s3 = S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.localAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "secret")))
                .forcePathStyle(true)
                .build();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
            server.close();
            runtime.close();
        }
    }

    @Test
    void objectsGoInAndComeOutWithTheirHeadersAndMetadata() {
        s3.createBucket(b -> b.bucket("photos"));
        s3.putObject(p -> p.bucket("photos").key("2024/summer/a b+c.txt").contentType("text/plain")
                .metadata(Map.of("camera", "F2")), RequestBody.fromString("hello, sky"));
        assertThat(store.lastPut).isEqualTo("hello, sky");

        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(g -> g.bucket("photos").key("2024/summer/a b+c.txt"));
        assertThat(object.asUtf8String()).isEqualTo("hello, sky");
        assertThat(object.response().contentType()).isEqualTo("text/plain");
        assertThat(object.response().metadata()).containsEntry("camera", "F2");
        assertThat(object.response().lastModified()).isEqualTo(ObjectStore.MODIFIED);

        HeadObjectResponse head = s3.headObject(h -> h.bucket("photos").key("2024/summer/a b+c.txt"));
        assertThat(head.contentLength()).isEqualTo(10L);
        assertThat(head.eTag()).isEqualTo("\"e-10\"");
    }

    @Test
    void listingsAndBatchDeletesUseFlattenedXmlBothWays() {
        s3.createBucket(b -> b.bucket("docs"));
        for (String key : List.of("a.txt", "b.txt", "c/d.txt")) {
            s3.putObject(p -> p.bucket("docs").key(key), RequestBody.fromString(key));
        }
        ListObjectsV2Response listing = s3.listObjectsV2(l -> l.bucket("docs"));
        assertThat(listing.contents()).extracting(S3Object::key).containsExactly("a.txt", "b.txt", "c/d.txt");
        assertThat(listing.contents()).extracting(S3Object::size).containsExactly(5L, 5L, 7L);
        assertThat(listing.isTruncated()).isFalse();

        var deleted = s3.deleteObjects(d -> d.bucket("docs").delete(x -> x.objects(o -> o.key("a.txt"), o -> o.key("b.txt"))));
        assertThat(deleted.deleted()).extracting(o -> o.key()).containsExactly("a.txt", "b.txt");
        assertThat(s3.listObjectsV2(l -> l.bucket("docs")).contents()).extracting(S3Object::key).containsExactly("c/d.txt");
    }

    @Test
    void aTypedModelErrorReachesTheClientAsItsException() {
        s3.createBucket(b -> b.bucket("empty"));
        assertThatThrownBy(() -> s3.getObject(g -> g.bucket("empty").key("nope.txt")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
                });
    }

    /** Objects in memory, by bucket and key; just enough S3 for the client to talk to. */
    private static final class ObjectStore implements ServiceProvider {
        static final Instant MODIFIED = Instant.parse("2024-05-01T10:00:00Z");

        private final ServiceModel model;
        private final ErrorType noSuchKey;
        private final Map<String, Map<String, Map<String, Object>>> buckets = new ConcurrentHashMap<>();
        private volatile String lastPut;

        ObjectStore(ServiceModel model) {
            this.model = model;
            this.noSuchKey = new ServiceErrors(model).type("NoSuchKey");
        }

        @Override
        public String name() {
            return "s3";
        }

        @Override
        public ServiceModel model() {
            return model;
        }

        @Override
        public ProtocolOptions protocolOptions() {
            return ProtocolOptions.DEFAULTS.withXmlErrorEnvelope(ProtocolOptions.XmlErrorEnvelope.ERROR);
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map<String, Object> invoke(RequestContext context, OperationModel operation, Map<String, Object> in) {
            Map<String, Map<String, Object>> bucket = buckets.computeIfAbsent((String) in.get("Bucket"),
                    b -> new TreeMap<>());
            return switch (operation.name()) {
                case "CreateBucket" -> Map.of("Location", "/" + in.get("Bucket"));
                case "PutObject" -> {
                    byte[] body = ((StreamingBlob) in.get("Body")).readAllBytes();
                    lastPut = new String(body, StandardCharsets.UTF_8);
                    bucket.put((String) in.get("Key"), Map.of("Body", body,
                            "ContentType", in.getOrDefault("ContentType", "binary/octet-stream"),
                            "Metadata", in.getOrDefault("Metadata", Map.of())));
                    yield Map.of("ETag", "\"e-" + body.length + "\"");
                }
                case "GetObject", "HeadObject" -> {
                    Map<String, Object> object = bucket.get((String) in.get("Key"));
                    if (object == null) {
                        throw noSuchKey.error("The specified key does not exist.", Map.of("Key", in.get("Key")));
                    }
                    byte[] body = (byte[]) object.get("Body");
                    Map<String, Object> out = new HashMap<>(Map.of("ContentType", object.get("ContentType"),
                            "Metadata", object.get("Metadata"), "ContentLength", (long) body.length,
                            "ETag", "\"e-" + body.length + "\"", "LastModified", MODIFIED));
                    if (operation.name().equals("GetObject")) {
                        out.put("Body", StreamingBlob.of(body));
                    }
                    yield out;
                }
                case "ListObjectsV2" -> {
                    List<Object> contents = new ArrayList<>();
                    bucket.forEach((key, object) -> contents.add(Map.of("Key", key,
                            "Size", (long) ((byte[]) object.get("Body")).length, "LastModified", MODIFIED)));
                    yield Map.of("Name", in.get("Bucket"), "Contents", contents, "KeyCount", contents.size(),
                            "IsTruncated", false);
                }
                case "DeleteObjects" -> {
                    List<Object> deleted = new ArrayList<>();
                    for (Object identifier : (List<Object>) ((Map<String, Object>) in.get("Delete")).get("Objects")) {
                        String key = (String) ((Map<String, Object>) identifier).get("Key");
                        bucket.remove(key);
                        deleted.add(Map.of("Key", key));
                    }
                    yield Map.of("Deleted", deleted);
                }
                default -> throw new IllegalStateException("not in this test: " + operation.name());
            };
        }
    }
}
