package dev.haneul.s3.store;

import dev.haneul.s3.error.S3Error;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The general-purpose bucket naming rules of the S3 user guide: 3–63 characters of lower-case
 * letters, digits, {@code .} and {@code -}; beginning and ending with a letter or digit; no two
 * adjacent periods; not shaped like an IPv4 address; none of the reserved prefixes
 * ({@code xn--}, {@code sthree-}, {@code amzn-s3-demo-}) or suffixes ({@code -s3alias},
 * {@code --ol-s3}, {@code .mrap}, {@code --x-s3}, {@code --table-s3}). A valid name is therefore
 * also a safe directory name.
 */
public final class BucketNames {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private BucketNames() {}

    public static boolean isValid(String name) {
        return SHAPE.matcher(name).matches()
                && !name.contains("..")
                && !IPV4.matcher(name).matches()
                && RESERVED_PREFIXES.stream().noneMatch(name::startsWith)
                && RESERVED_SUFFIXES.stream().noneMatch(name::endsWith);
    }

    /** @throws dev.haneul.s3.error.S3Exception InvalidBucketName */
    public static String validate(String name) {
        if (!isValid(name)) {
            throw S3Error.INVALID_BUCKET_NAME.exception(Map.of("BucketName", name));
        }
        return name;
    }
}
