package dev.haneul.s3.store;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How to read one object (GetObject, HeadObject).
 *
 * @param range the {@code Range} header as sent
 * @param partNumber the {@code partNumber} query parameter
 */
public record GetObjectOptions(Optional<String> versionId, Optional<String> range, Optional<Integer> partNumber,
                               ReadConditions conditions) {

    public GetObjectOptions {
        requireNonNull(versionId, "versionId");
        requireNonNull(range, "range");
        requireNonNull(partNumber, "partNumber");
        requireNonNull(conditions, "conditions");
    }

    public static GetObjectOptions latest() {
        return new GetObjectOptions(Optional.empty(), Optional.empty(), Optional.empty(), ReadConditions.none());
    }

    public GetObjectOptions withRange(String header) {
        return new GetObjectOptions(versionId, Optional.of(header), partNumber, conditions);
    }

    public GetObjectOptions withVersion(String id) {
        return new GetObjectOptions(Optional.of(id), range, partNumber, conditions);
    }

    public GetObjectOptions withConditions(ReadConditions newConditions) {
        return new GetObjectOptions(versionId, range, partNumber, newConditions);
    }

    public GetObjectOptions withPartNumber(int number) {
        return new GetObjectOptions(versionId, range, Optional.of(number), conditions);
    }
}
