package dev.haneul.s3.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.s3.store.CopySource;
import dev.haneul.s3.store.RequestAccounting.RequestClass;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small rules of the S3 API layer: virtual-hosted addressing, copy sources, pricing classes. */
class S3ApiUnitsTest {

    @Test
    void virtualHostedRequestsPutTheBucketInThePath() {
        VirtualHostAddressing addressing = new VirtualHostAddressing();
        assertThat(addressing.effectivePath("photos.s3.localhost:4566", "/a/b.jpg")).isEqualTo("/photos/a/b.jpg");
        assertThat(addressing.effectivePath("photos.s3.us-east-1.localhost", "")).isEqualTo("/photos/");
        assertThat(addressing.effectivePath("my.dotted.bucket.s3.localhost", "/k")).isEqualTo("/my.dotted.bucket/k");
        assertThat(addressing.effectivePath("127.0.0.1:4566", "/photos/a")).isEqualTo("/photos/a");
        assertThat(addressing.effectivePath("s3.localhost", "/photos/a")).isEqualTo("/photos/a");
        assertThat(addressing.effectivePath("localhost:4566", "/photos/a")).isEqualTo("/photos/a");
    }

    @Test
    void copySourcesAreDecodedWithTheirVersion() {
        CopySource source = ObjectApi.copySource(new Input(Map.of("CopySource", "/src-bucket/dir/a%20b%2Bc.txt?versionId=v1")));
        assertThat(source.bucket()).isEqualTo("src-bucket");
        assertThat(source.key()).isEqualTo("dir/a b+c.txt");
        assertThat(source.versionId()).contains("v1");
        assertThat(ObjectApi.copySource(new Input(Map.of("CopySource", "b/k+plus"))).key()).isEqualTo("k+plus");
    }

    @Test
    void requestsAreCountedInS3sPricingClasses() {
        assertThat(S3Provider.requestClass("PutObject")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(S3Provider.requestClass("UploadPartCopy")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(S3Provider.requestClass("ListObjectsV2")).isEqualTo(RequestClass.PUT_COPY_POST_LIST);
        assertThat(S3Provider.requestClass("GetObject")).isEqualTo(RequestClass.GET);
        assertThat(S3Provider.requestClass("HeadObject")).isEqualTo(RequestClass.GET);
        assertThat(S3Provider.requestClass("DeleteObject")).isEqualTo(RequestClass.OTHER);
    }
}
