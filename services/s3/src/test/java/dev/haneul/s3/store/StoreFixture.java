package dev.haneul.s3.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.haneul.s3.error.S3Exception;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ThrowableAssert;

/** Helpers shared by the store's tests. */
final class StoreFixture {

    static final String OWNER = "000000000000";

    private StoreFixture() {}

    /** A store without fsync: the tests are about behaviour; durability has its own tests. */
    static S3Store open(Path dir) throws IOException {
        return S3Store.open(dir, new S3Store.Options(false, Clock.systemUTC()));
    }

    static S3Store open(Path dir, Clock clock) throws IOException {
        return S3Store.open(dir, new S3Store.Options(false, clock));
    }

    static ObjectVersion put(S3Store store, String bucket, String key, String body) throws IOException {
        return store.putObject(bucket, key, PutObjectOptions.defaults(), body.getBytes(UTF_8));
    }

    static String read(S3Store store, String bucket, String key, GetObjectOptions options) throws IOException {
        try (ObjectRead read = store.getObject(bucket, key, options)) {
            return new String(read.stream().readAllBytes(), UTF_8);
        }
    }

    static String read(S3Store store, String bucket, String key) throws IOException {
        return read(store, bucket, key, GetObjectOptions.latest());
    }

    static S3Exception assertS3Error(ThrowableAssert.ThrowingCallable call, String code) {
        Throwable thrown = Assertions.catchThrowable(call);
        Assertions.assertThat(thrown).isInstanceOf(S3Exception.class);
        S3Exception e = (S3Exception) thrown;
        Assertions.assertThat(e.code()).as(e.toString()).isEqualTo(code);
        return e;
    }
}
