package dev.haneul.s3.wire;

import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the checksum S3 stores for every object that arrives without one: the NVM Express
 * polynomial {@code 0xAD93D23594C93659} (reflected {@code 0x9A6C9329AC4BC9B5}), input and output
 * reflected, initial value and final XOR all ones; check value of {@code "123456789"} is
 * {@code 0xAE8B14860A799888}. The JDK has no CRC-64, and the AWS SDK's needs the native CRT, so it
 * is computed here table-driven, eight bytes per step ("slicing-by-8"), which keeps a 5 GiB PUT
 * from being bound by the checksum.
 */
public final class Crc64Nvme implements Checksum {

    /** The reflected polynomial. */
    static final long POLY = 0x9A6C9329AC4BC9B5L;

    private static final long[][] TABLES = tables();

    private long crc = -1L;

    @Override
    public void update(int b) {
        crc = TABLES[0][(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
    }

    @Override
    public void update(byte[] b, int off, int len) {
        long c = crc;
        int i = off;
        int end = off + len;
        long[] t0 = TABLES[0];
        long[] t1 = TABLES[1];
        long[] t2 = TABLES[2];
        long[] t3 = TABLES[3];
        long[] t4 = TABLES[4];
        long[] t5 = TABLES[5];
        long[] t6 = TABLES[6];
        long[] t7 = TABLES[7];
        while (end - i >= 8) {
            c ^= (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
                    | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48
                    | (b[i + 7] & 0xFFL) << 56;
            c = t7[(int) (c & 0xFF)] ^ t6[(int) (c >>> 8 & 0xFF)] ^ t5[(int) (c >>> 16 & 0xFF)]
                    ^ t4[(int) (c >>> 24 & 0xFF)] ^ t3[(int) (c >>> 32 & 0xFF)] ^ t2[(int) (c >>> 40 & 0xFF)]
                    ^ t1[(int) (c >>> 48 & 0xFF)] ^ t0[(int) (c >>> 56)];
            i += 8;
        }
        while (i < end) {
            c = t0[(int) ((c ^ b[i++]) & 0xFF)] ^ (c >>> 8);
        }
        crc = c;
    }

    @Override
    public long getValue() {
        return ~crc;
    }

    @Override
    public void reset() {
        crc = -1L;
    }

    private static long[][] tables() {
        long[][] tables = new long[8][256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            tables[0][n] = c;
        }
        for (int n = 0; n < 256; n++) {
            for (int k = 1; k < 8; k++) {
                long previous = tables[k - 1][n];
                tables[k][n] = tables[0][(int) (previous & 0xFF)] ^ (previous >>> 8);
            }
        }
        return tables;
    }
}
