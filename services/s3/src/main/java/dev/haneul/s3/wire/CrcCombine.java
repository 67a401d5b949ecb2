package dev.haneul.s3.wire;

/**
 * Combines the CRCs of two consecutive byte ranges into the CRC of their concatenation without
 * reading the bytes again: {@code crc(A·B) = crc(A)·x^(8·|B|) mod P  xor  crc(B)} for reflected CRCs
 * whose initial value and final XOR are all ones (CRC-32, CRC-32C, CRC-64/NVME), the method of zlib's
 * {@code crc32_combine} generalised to any reflected polynomial of width 32 or 64. It gives a
 * multipart upload's full-object CRC from its parts' CRCs at completion, so a 5 GiB object is not
 * read twice.
 */
final class CrcCombine {

    private final long poly;
    private final int width;
    private final long[] powers = new long[64];

    /** @param poly the reflected polynomial, @param width 32 or 64 */
    CrcCombine(long poly, int width) {
        this.poly = poly;
        this.width = width;
        long p = 1L << (width - 2); // x^1
        for (int n = 0; n < 64; n++) {
            powers[n] = p;
            p = multiply(p, p);
        }
    }

    long combine(long crc1, long crc2, long length2) {
        return multiply(xPower8n(length2), crc1) ^ crc2;
    }

    /** {@code a·b mod P} in the reflected representation, where the top bit is {@code x^0}. */
    private long multiply(long a, long b) {
        long m = 1L << (width - 1);
        long product = 0;
        while (true) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
        }
        return product;
    }

    /** {@code x^(8·n) mod P}. */
    private long xPower8n(long n) {
        long p = 1L << (width - 1); // x^0
        int k = 3; // 8 = 2^3
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiply(powers[k & 63], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
    }
}
