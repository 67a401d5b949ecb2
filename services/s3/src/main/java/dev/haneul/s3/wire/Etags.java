package dev.haneul.s3.wire;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * ETags as S3 computes them (without SSE-KMS or SSE-C): a single-part object's is the hex MD5 of
 * its bytes; a multipart object's is the hex MD5 of its parts' binary MD5s concatenated in part
 * order, then {@code -<number of parts>}. Returned here without the quotes they wear on the wire.
 */
public final class Etags {

    private Etags() {}

    public static String single(byte[] md5) {
        return HexFormat.of().formatHex(md5);
    }

    /** @param partEtags the parts' ETags, hex, in part order */
    public static String multipart(List<String> partEtags) {
        MessageDigest md5 = BodyDigests.digest("MD5");
        for (String etag : partEtags) {
            md5.update(HexFormat.of().parseHex(etag));
        }
        return HexFormat.of().formatHex(md5.digest()) + "-" + partEtags.size();
    }
}
