package dev.haneul.lab;

/**
 * What moving a dump through S3 costs at S3's published prices, for the bytes and requests the
 * migration lab measured and scaled to larger dumps.
 *
 * <p>The prices are a constant table with its date: S3 Standard in US East (N. Virginia), from
 * <a href="https://aws.amazon.com/s3/pricing/">aws.amazon.com/s3/pricing</a>. They have been the
 * same since December 2016; check the page before quoting a figure. Not charged, so not counted:
 * data transfer into S3 and from S3 to Aurora in the same region, DELETE and abort requests.
 */
final class S3Costs {

    /** When the prices below were read from the pricing page. */
    static final String PRICES_AS_OF = "2025-11 (unchanged since 2016-12)";
    static final String REGION = "us-east-1";
    /** PUT, COPY, POST and LIST requests (also CreateMultipartUpload, UploadPart, CompleteMultipartUpload), per 1,000. */
    static final double PUT_COPY_POST_LIST_PER_1000 = 0.005;
    /** GET, SELECT and every other request except DELETE and abort, per 1,000. */
    static final double GET_PER_1000 = 0.0004;
    /** S3 Standard storage, first 50 TB per month, per GB-month (GB = 2^30 bytes). */
    static final double STORAGE_PER_GB_MONTH = 0.023;

    static final long GIB = 1L << 30;
    static final long TIB = 1L << 40;

    /**
     * The cost of a migration of {@code dumpBytes} through S3.
     *
     * @param parts the multipart upload's parts
     * @param putRequests requests billed as PUT/COPY/POST/LIST
     * @param getRequests requests billed as GET
     * @param requestsUsd the requests' cost
     * @param storageMonthUsd a month of storage of the dump
     */
    record Estimate(long dumpBytes, long parts, long putRequests, long getRequests, double requestsUsd,
                    double storageMonthUsd) {

        double totalUsd() {
            return requestsUsd + storageMonthUsd;
        }
    }

    private S3Costs() {}

    /** The cost of requests and storage as measured. */
    static Estimate measured(long dumpBytes, long parts, long putRequests, long getRequests) {
        return new Estimate(dumpBytes, parts, putRequests, getRequests, requestCost(putRequests, getRequests),
                storageCost(dumpBytes));
    }

    /**
     * The measured migration scaled to a dump of {@code dumpBytes}: the same fixed requests (bucket,
     * create and complete of the upload, the GET that streams the dump out), and one UploadPart per
     * part, with parts of {@link S3Streams#PART_SIZE} grown (in whole MiB) as a client must once
     * the dump needs more than 10,000 of them.
     */
    static Estimate scaled(Estimate measured, long dumpBytes) {
        long fixedPut = measured.putRequests() - measured.parts();
        long parts = parts(dumpBytes);
        long put = fixedPut + parts;
        return new Estimate(dumpBytes, parts, put, measured.getRequests(), requestCost(put, measured.getRequests()),
                storageCost(dumpBytes));
    }

    /** How many parts a multipart upload of {@code bytes} needs. */
    static long parts(long bytes) {
        long mib = 1L << 20;
        long partSize = Math.max(S3Streams.PART_SIZE, ceilDiv(ceilDiv(bytes, S3Streams.MAX_PARTS), mib) * mib);
        return Math.max(1, ceilDiv(bytes, partSize));
    }

    static double requestCost(long putRequests, long getRequests) {
        return putRequests / 1000.0 * PUT_COPY_POST_LIST_PER_1000 + getRequests / 1000.0 * GET_PER_1000;
    }

    static double storageCost(long bytes) {
        return (double) bytes / GIB * STORAGE_PER_GB_MONTH;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
