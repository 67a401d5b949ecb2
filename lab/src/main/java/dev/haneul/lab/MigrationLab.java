package dev.haneul.lab;

import static java.util.Objects.requireNonNull;

import dev.haneul.lab.MySqlTools.Running;
import dev.haneul.lab.S3Streams.Transfer;
import dev.haneul.lab.TableChecks.Check;
import dev.haneul.lab.report.Chart;
import dev.haneul.lab.report.Table;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.rds.model.DBCluster;

/**
 * An on-premises MySQL moved into Aurora through S3, measured end to end. A source
 * {@code mariadbd} of the lab's own ({@link SourceDatabase}) is filled with a shop's data
 * ({@link SampleShop}); then (a) {@code mariadb-dump} streams into S3 as a multipart upload, (b) the
 * object streams from S3 into a new Aurora cluster's {@code mariadb} client through the cluster
 * endpoint, (c) row counts and {@code CHECKSUM TABLE} compare every table. For comparison, the same
 * database is copied again into the same cluster without S3 ({@code mariadb-dump | mariadb}) and
 * in parallel with {@code mydumper}/{@code myloader} when they are installed. The report gives each
 * stage's time and throughput, S3's request accounting for the bucket, and what those requests
 * and a month of storage cost at the published us-east-1 prices, scaled to 10 GB and 1 TB.
 */
public final class MigrationLab implements Lab {

    static final String CLUSTER = "lab-migration";
    static final String INSTANCE = "lab-migration-1";
    static final String BUCKET = "lab-migration-dumps";
    static final String KEY = "dumps/shop.sql";
    static final int DEFAULT_MEGABYTES = 50;
    static final int SHORT_MEGABYTES = 2;
    private static final String TARGET_S3 = "shop";
    private static final String TARGET_DIRECT = "shop_direct";
    private static final String TARGET_PARALLEL = "shop_parallel";
    private static final int PARALLEL_THREADS = 4;

    /**
     * @param sizeMegabytes the database size asked for ({@code --size})
     * @param dumpBytes the {@code mariadb-dump} output, as stored in S3
     * @param sourceRows rows in all tables of the source
     * @param tables tables compared
     * @param verificationPassed every table of the Aurora copy made through S3 has the source's row count and checksum
     * @param dumpSha256Matches the object streamed out of S3 is byte for byte the dump streamed in
     * @param s3Parts parts of the multipart upload
     * @param s3PutCopyPostListRequests the bucket's requests billed as PUT/COPY/POST/LIST (S3's accounting)
     * @param s3GetRequests the bucket's requests billed as GET (S3's accounting)
     * @param s3OtherRequests the bucket's other requests (S3's accounting)
     * @param s3BytesIn bytes S3 received for the bucket
     * @param s3BytesOut bytes S3 sent from the bucket
     * @param dumpToS3Seconds stage (a): dump streamed into S3
     * @param s3ToAuroraSeconds stage (b): object streamed into Aurora
     * @param s3PathSeconds (a) + (b)
     * @param s3PathMegabytesPerSecond dump megabytes per second over (a) + (b)
     * @param directPathSeconds {@code mariadb-dump | mariadb} into the same cluster
     * @param directVerified that copy matches the source
     * @param parallelPathSeconds {@code mydumper} then {@code myloader}; -1 when they are not installed
     * @param parallelVerified that copy matches the source (false when skipped)
     * @param requestCostUsd the measured requests at us-east-1 prices
     * @param storageMonthUsd a month of S3 Standard storage of the dump
     * @param cost10GbUsd requests and a month of storage for a 10 GiB dump
     * @param cost1TbUsd requests and a month of storage for a 1 TiB dump
     * @param s3PathHoursPerTb the S3 path's time for a 1 TiB dump at the measured rate
     */
    public record Verdict(int sizeMegabytes, long dumpBytes, long sourceRows, int tables, boolean verificationPassed,
                          boolean dumpSha256Matches, int s3Parts, long s3PutCopyPostListRequests, long s3GetRequests,
                          long s3OtherRequests, long s3BytesIn, long s3BytesOut, double dumpToS3Seconds,
                          double s3ToAuroraSeconds, double s3PathSeconds, double s3PathMegabytesPerSecond,
                          double directPathSeconds, boolean directVerified, double parallelPathSeconds,
                          boolean parallelVerified, double requestCostUsd, double storageMonthUsd, double cost10GbUsd,
                          double cost1TbUsd, double s3PathHoursPerTb) {}

    @Override
    public String name() {
        return "migration";
    }

    @Override
    public Set<ResourceKind> resources() {
        return EnumSet.of(ResourceKind.AURORA, ResourceKind.S3);
    }

    @Override
    public String question() {
        return "Moving an on-premises MySQL into Aurora through mysqldump and S3: how long does each stage take, does "
                + "every row arrive, and what do the S3 requests and storage cost?";
    }

    /** One way of copying the database, timed, and its verification. */
    private record PathRun(String name, double seconds, double dumpSeconds, double loadSeconds, long bytes,
                           Map<String, Check> copy, boolean verified, String note) {}

    @Override
    public LabResult run(LabContext context) throws Exception {
        int megabytes = context.sizeMegabytesOr(context.pick(DEFAULT_MEGABYTES, SHORT_MEGABYTES));
        Path labs = context.dataDir().resolve("labs");
        Path work = labs.resolve("migration-work");
        deleteTree(work);
        Files.createDirectories(work);
        try {
            return run(context, megabytes, labs, work);
        } finally {
            deleteTree(work);
        }
    }

    private LabResult run(LabContext context, int megabytes, Path labs, Path work) throws Exception {
        context.log("creating Aurora MySQL cluster %s (instance %s) and S3 bucket %s while the source fills", CLUSTER,
                INSTANCE, BUCKET);
        context.rds().createDBCluster(r -> r.dbClusterIdentifier(CLUSTER).engine("aurora-mysql")
                .masterUsername(Aurora.USER).masterUserPassword(Aurora.PASSWORD).databaseName("lab"));
        context.rds().createDBInstance(r -> r.dbInstanceIdentifier(INSTANCE).dbClusterIdentifier(CLUSTER)
                .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
        // The accounting from here on: counters a deleted bucket of the same name left behind are not this run's.
        LabContext.S3Usage before = context.s3Usage(BUCKET);
        context.s3().createBucket(r -> r.bucket(BUCKET));
        S3Calls calls = new S3Calls();
        calls.count("CreateBucket");

        context.log("starting the source database (a mariadbd of the lab's own, standing in for on-premises MySQL)");
        try (SourceDatabase source = SourceDatabase.start(labs.resolve("migration-source"))) {
            long started = System.nanoTime();
            ProgressBar filling = context.progress("filling the source", SampleShop.expectedRows(megabytes),
                    ProgressBar.Unit.ROWS);
            List<String> tables;
            Map<String, Check> original;
            long innodbBytes;
            String version;
            try (Connection connection = source.connect()) {
                SampleShop.fill(connection, megabytes, filling);
                filling.finish();
                tables = TableChecks.tables(connection, SampleShop.DATABASE);
                original = TableChecks.check(connection, SampleShop.DATABASE, tables);
                innodbBytes = innodbBytes(connection);
                version = requireNonNull(Aurora.queryString(connection, "SELECT CONCAT('MariaDB ', VERSION())"), "version");
            }
            double fillSeconds = seconds(started);
            long sourceRows = original.values().stream().mapToLong(Check::rows).sum();
            context.log("source: %,d rows in %d tables, %.1f MB of InnoDB data and indexes, filled in %.1f s", sourceRows,
                    tables.size(), innodbBytes / 1e6, fillSeconds);

            Aurora.awaitAvailable(context, CLUSTER, List.of(INSTANCE));
            DBCluster cluster = Aurora.describe(context, CLUSTER);
            Target target = new Target(cluster.endpoint(), cluster.port());
            try (Connection connection = target.connect()) {
                for (String database : List.of(TARGET_S3, TARGET_DIRECT, TARGET_PARALLEL)) {
                    Aurora.execute(connection, "CREATE DATABASE " + database);
                }
            }
            context.log("cluster endpoint %s:%d is available", target.host(), target.port());

            S3Run viaS3 = viaS3(context, source, target, tables, original, megabytes, work, calls);
            PathRun direct = direct(context, source, target, tables, original, viaS3.up().bytes(), work);
            PathRun parallel = parallel(context, source, target, tables, original, work);

            LabContext.S3Usage usage = context.s3Usage(BUCKET).since(before);
            return result(new Source(megabytes, version, innodbBytes, fillSeconds, tables, original), viaS3, direct,
                    parallel, usage, calls);
        }
    }

    /** What the source held. */
    private record Source(int megabytes, String version, long innodbBytes, double fillSeconds, List<String> tables,
                          Map<String, Check> original) {}

    /** Stages (a) to (c): the path through S3 and the transfers in and out. */
    private record S3Run(PathRun path, Transfer up, Transfer down) {}

    /** Stages (a), (b) and (c). */
    private S3Run viaS3(LabContext context, SourceDatabase source, Target target, List<String> tables,
                          Map<String, Check> original, int megabytes, Path work, S3Calls calls) throws Exception {
        context.log("(a) mariadb-dump of %s streamed into s3://%s/%s as a multipart upload of %d MiB parts",
                SampleShop.DATABASE, BUCKET, KEY, S3Streams.PART_SIZE >> 20);
        long started = System.nanoTime();
        Running dump = MySqlTools.start("mariadb-dump", MySqlTools.dumpCommand(source.host(), source.port(),
                SourceDatabase.USER, SampleShop.DATABASE), MySqlTools.password(""), work, false);
        dump.stdin().close();
        Transfer up;
        try {
            up = S3Streams.upload(context.s3(), BUCKET, KEY, dump.stdout(),
                    context.progress("(a) dump → S3", megabytes * 1_000_000L, ProgressBar.Unit.BYTES), calls);
        } catch (IOException | RuntimeException e) {
            dump.destroy();
            throw e;
        }
        dump.awaitSuccess();
        double dumpSeconds = seconds(started);
        context.log("(a) %.1f MB in %d parts in %.1f s (ETag %s)", up.bytes() / 1e6, up.parts(), dumpSeconds,
                up.etag());

        context.log("(b) s3://%s/%s streamed into the cluster endpoint with the mariadb client", BUCKET, KEY);
        long loadStarted = System.nanoTime();
        Running load = MySqlTools.start("mariadb", MySqlTools.loadCommand(target.host(), target.port(), Aurora.USER,
                TARGET_S3), MySqlTools.password(Aurora.PASSWORD), work, true);
        ProgressBar loading = context.progress("(b) S3 → Aurora", up.bytes(), ProgressBar.Unit.BYTES);
        AtomicReference<@Nullable Transfer> downloaded = new AtomicReference<>();
        feed(load, () -> downloaded.set(S3Streams.download(context.s3(), BUCKET, KEY, load.stdin(), loading, calls)));
        Transfer down = requireNonNull(downloaded.get(), "a finished download");
        double loadSeconds = seconds(loadStarted);
        context.log("(b) loaded in %.1f s; the object's SHA-256 %s the dump's", loadSeconds,
                down.sha256().equals(up.sha256()) ? "equals" : "DIFFERS FROM");

        context.log("(c) verifying: row counts and CHECKSUM TABLE of %d tables, source against Aurora", tables.size());
        Map<String, Check> copy = target.check(TARGET_S3, tables);
        boolean verified = TableChecks.same(original, copy);
        context.log("(c) verification %s", verified ? "passed" : "FAILED");
        return new S3Run(new PathRun("dump → S3 → Aurora", dumpSeconds + loadSeconds, dumpSeconds, loadSeconds,
                up.bytes(), copy, verified, ""), up, down);
    }

    /** {@code mariadb-dump | mariadb} straight into the cluster, no S3. */
    private PathRun direct(LabContext context, SourceDatabase source, Target target, List<String> tables,
                           Map<String, Check> original, long expectedBytes, Path work) throws Exception {
        context.log("direct path: mariadb-dump | mariadb into %s, no S3", TARGET_DIRECT);
        long started = System.nanoTime();
        Running dump = MySqlTools.start("mariadb-dump", MySqlTools.dumpCommand(source.host(), source.port(),
                SourceDatabase.USER, SampleShop.DATABASE), MySqlTools.password(""), work, false);
        dump.stdin().close();
        Running load = MySqlTools.start("mariadb", MySqlTools.loadCommand(target.host(), target.port(), Aurora.USER,
                TARGET_DIRECT), MySqlTools.password(Aurora.PASSWORD), work, true);
        ProgressBar piping = context.progress("dump | mariadb", expectedBytes, ProgressBar.Unit.BYTES);
        long[] bytes = new long[1];
        try {
            feed(load, () -> bytes[0] = S3Streams.pump(dump.stdout(), load.stdin(), piping));
        } catch (IOException | RuntimeException e) {
            dump.destroy();
            throw e;
        }
        dump.awaitSuccess();
        double seconds = seconds(started);
        Map<String, Check> copy = target.check(TARGET_DIRECT, tables);
        boolean verified = TableChecks.same(original, copy);
        context.log("direct path: %.1f MB in %.1f s, verification %s", bytes[0] / 1e6, seconds, verified ? "passed" : "FAILED");
        return new PathRun("dump | mariadb (no S3)", seconds, seconds, seconds, bytes[0], copy, verified, "");
    }

    /** {@code mydumper} to a directory, then {@code myloader} from it, when both are installed. */
    private PathRun parallel(LabContext context, SourceDatabase source, Target target, List<String> tables,
                             Map<String, Check> original, Path work) throws Exception {
        Optional<Path> mydumper = MySqlTools.find("mydumper");
        Optional<Path> myloader = MySqlTools.find("myloader");
        if (mydumper.isEmpty() || myloader.isEmpty()) {
            String reason = "skipped: mydumper/myloader are not installed (Debian: apt-get install mydumper)";
            context.log("parallel path %s", reason);
            return new PathRun("mydumper / myloader", -1, -1, -1, 0, Map.of(), false, reason);
        }
        Path dir = work.resolve("mydumper");
        context.log("parallel path: mydumper (%d threads) to a directory, then myloader (%d threads) into %s",
                PARALLEL_THREADS, PARALLEL_THREADS, TARGET_PARALLEL);
        long started = System.nanoTime();
        MySqlTools.run("mydumper", List.of(mydumper.get().toString(), "--host=" + source.host(), "--port=" + source.port(),
                "--user=" + SourceDatabase.USER, "--database=" + SampleShop.DATABASE, "--outputdir=" + dir,
                "--threads=" + PARALLEL_THREADS, "--trx-consistency-only"), Map.of(), work);
        double dumpSeconds = seconds(started);
        long bytes = directorySize(dir);
        context.log("mydumper: %.1f MB in %.1f s", bytes / 1e6, dumpSeconds);
        long loadStarted = System.nanoTime();
        MySqlTools.run("myloader", List.of(myloader.get().toString(), "--host=" + target.host(), "--port=" + target.port(),
                "--user=" + Aurora.USER, "--password=" + Aurora.PASSWORD, "--database=" + TARGET_PARALLEL,
                "--directory=" + dir, "--threads=" + PARALLEL_THREADS, "--overwrite-tables"), Map.of(), work);
        double loadSeconds = seconds(loadStarted);
        Map<String, Check> copy = target.check(TARGET_PARALLEL, tables);
        boolean verified = TableChecks.same(original, copy);
        context.log("myloader: %.1f s, verification %s", loadSeconds, verified ? "passed" : "FAILED");
        return new PathRun("mydumper / myloader", dumpSeconds + loadSeconds, dumpSeconds, loadSeconds, bytes, copy,
                verified, "");
    }

    // ---- the report ----

    private LabResult result(Source source, S3Run s3, PathRun direct, PathRun parallel, LabContext.S3Usage usage,
                             S3Calls calls) {
        PathRun viaS3 = s3.path();
        Transfer up = s3.up();
        Transfer down = s3.down();
        int megabytes = source.megabytes();
        List<String> tables = source.tables();
        Map<String, Check> original = source.original();
        long parts = up.parts();
        S3Costs.Estimate measured = S3Costs.measured(up.bytes(), parts, usage.putCopyPostList(), usage.get());
        S3Costs.Estimate tenGb = S3Costs.scaled(measured, 10 * S3Costs.GIB);
        S3Costs.Estimate oneTb = S3Costs.scaled(measured, S3Costs.TIB);
        double megabytesPerSecond = up.bytes() / 1e6 / viaS3.seconds();
        double hoursPerTb = viaS3.seconds() * ((double) S3Costs.TIB / up.bytes()) / 3600;
        boolean shaMatches = up.sha256().equals(down.sha256());
        Verdict verdict = new Verdict(megabytes, up.bytes(), original.values().stream().mapToLong(Check::rows).sum(),
                tables.size(), viaS3.verified(), shaMatches, (int) parts, usage.putCopyPostList(), usage.get(),
                usage.other(), usage.bytesIn(), usage.bytesOut(), round(viaS3.dumpSeconds()), round(viaS3.loadSeconds()),
                round(viaS3.seconds()), round(megabytesPerSecond), round(direct.seconds()), direct.verified(),
                round(parallel.seconds()), parallel.verified(), measured.requestsUsd(), measured.storageMonthUsd(),
                tenGb.totalUsd(), oneTb.totalUsd(), round(hoursPerTb));

        List<Table> reportTables = new ArrayList<>();
        Table.Builder stages = Table.builder("Stages (time, throughput of the dump's bytes)", "stage", "seconds",
                "MB", "MB/s");
        stages.row("fill the source (" + megabytes + " MB asked)", fmt(source.fillSeconds()),
                fmt(source.innodbBytes() / 1e6) + " InnoDB",
                "");
        stages.row("(a) mariadb-dump → S3 multipart upload", fmt(viaS3.dumpSeconds()), fmt(up.bytes() / 1e6),
                fmt(up.bytes() / 1e6 / viaS3.dumpSeconds()));
        stages.row("(b) S3 → mariadb → Aurora cluster endpoint", fmt(viaS3.loadSeconds()), fmt(down.bytes() / 1e6),
                fmt(down.bytes() / 1e6 / viaS3.loadSeconds()));
        stages.row("(a)+(b) through S3", fmt(viaS3.seconds()), fmt(up.bytes() / 1e6), fmt(megabytesPerSecond));
        stages.row("direct: mariadb-dump | mariadb (no S3)", fmt(direct.seconds()), fmt(direct.bytes() / 1e6),
                fmt(direct.bytes() / 1e6 / direct.seconds()));
        if (parallel.seconds() >= 0) {
            stages.row("mydumper → directory", fmt(parallel.dumpSeconds()), fmt(parallel.bytes() / 1e6),
                    fmt(parallel.bytes() / 1e6 / parallel.dumpSeconds()));
            stages.row("myloader → Aurora cluster endpoint", fmt(parallel.loadSeconds()), fmt(parallel.bytes() / 1e6),
                    fmt(parallel.bytes() / 1e6 / parallel.loadSeconds()));
            stages.row("mydumper + myloader", fmt(parallel.seconds()), fmt(parallel.bytes() / 1e6),
                    fmt(parallel.bytes() / 1e6 / parallel.seconds()));
        } else {
            stages.row("mydumper / myloader", parallel.note(), "", "");
        }
        reportTables.add(stages.build());

        Table.Builder verification = Table.builder("Verification: rows and CHECKSUM TABLE, source vs each copy", "table",
                "source rows", "source checksum", "via S3", "direct", "mydumper");
        for (String table : tables) {
            Check expected = requireNonNull(original.get(table), table);
            verification.row(table, String.format(Locale.ROOT, "%,d", expected.rows()), String.valueOf(expected.checksum()),
                    match(expected, viaS3.copy().get(table)), match(expected, direct.copy().get(table)),
                    parallel.seconds() < 0 ? "skipped" : match(expected, parallel.copy().get(table)));
        }
        reportTables.add(verification.build());

        Table.Builder requests = Table.builder("S3 requests and bytes for s3://" + BUCKET + " (S3's request accounting)",
                "kind", "requests", "bytes");
        requests.row("PUT/COPY/POST/LIST", Long.toString(usage.putCopyPostList()), String.format(Locale.ROOT, "%,d in",
                usage.bytesIn()));
        requests.row("GET", Long.toString(usage.get()), String.format(Locale.ROOT, "%,d out", usage.bytesOut()));
        requests.row("other (free: deletes, aborts)", Long.toString(usage.other()), "");
        calls.byOperation().forEach((operation, count) -> requests.row("  the lab's " + operation, Long.toString(count), ""));
        reportTables.add(requests.build());

        Table.Builder costs = Table.builder("S3 cost at " + S3Costs.REGION + " prices (" + S3Costs.PRICES_AS_OF + "): $"
                + S3Costs.PUT_COPY_POST_LIST_PER_1000 + "/1,000 PUT, $"
                + BigDecimal.valueOf(S3Costs.GET_PER_1000).toPlainString() + "/1,000 GET, $"
                + S3Costs.STORAGE_PER_GB_MONTH + "/GB-month", "dump", "parts", "PUT-class", "GET-class",
                "requests $", "1 month storage $", "total $", "time via S3 (measured rate)");
        for (S3Costs.Estimate e : List.of(measured, tenGb, oneTb)) {
            costs.row(e == measured ? String.format(Locale.ROOT, "%.1f MB (measured)", e.dumpBytes() / 1e6)
                            : e == tenGb ? "10 GiB" : "1 TiB", Long.toString(e.parts()), Long.toString(e.putRequests()),
                    Long.toString(e.getRequests()), usd(e.requestsUsd()), usd(e.storageMonthUsd()), usd(e.totalUsd()),
                    duration(viaS3.seconds() * e.dumpBytes() / up.bytes()));
        }
        reportTables.add(costs.build());

        List<Chart.BarSeries> series = new ArrayList<>();
        List<String> categories = new ArrayList<>(List.of("dump → S3 → Aurora", "dump | mariadb"));
        List<Double> dumpBar = new ArrayList<>(List.of(viaS3.dumpSeconds(), 0.0));
        List<Double> loadBar = new ArrayList<>(List.of(viaS3.loadSeconds(), direct.seconds()));
        if (parallel.seconds() >= 0) {
            categories.add("mydumper / myloader");
            dumpBar.add(parallel.dumpSeconds());
            loadBar.add(parallel.loadSeconds());
        }
        series.add(new Chart.BarSeries("dump (+ upload)", dumpBar));
        series.add(new Chart.BarSeries("load", loadBar));
        Chart chart = new Chart.Bar("Seconds per path for " + fmt(up.bytes() / 1e6) + " MB of dump", "seconds",
                categories, series);

        List<String> conclusions = new ArrayList<>();
        conclusions.add(String.format(Locale.ROOT, "Through S3: %.1f MB of dump in %.1f s (%.1f s dump → S3, %.1f s S3 → "
                        + "Aurora), %.1f MB/s; %s.", up.bytes() / 1e6, viaS3.seconds(), viaS3.dumpSeconds(),
                viaS3.loadSeconds(), megabytesPerSecond, viaS3.verified()
                        ? "every table arrived with the same rows and checksum" : "VERIFICATION FAILED"));
        conclusions.add(String.format(Locale.ROOT, "Without S3 (dump | mariadb) the copy took %.1f s: S3 adds %.0f %% "
                + "(the upload, and the load starting only once the dump is complete).", direct.seconds(),
                100 * (viaS3.seconds() / direct.seconds() - 1)));
        conclusions.add(parallel.seconds() >= 0 ? String.format(Locale.ROOT, "mydumper/myloader (%d threads) took "
                + "%.1f s, %.2f× the direct path.", PARALLEL_THREADS, parallel.seconds(), parallel.seconds()
                / direct.seconds()) : "mydumper/myloader: " + parallel.note() + ".");
        conclusions.add(String.format(Locale.ROOT, "S3 counted %d PUT-class and %d GET-class requests ($%.6f) and a "
                + "month of storage costs $%.4f; a 10 GiB dump costs $%.2f, a 1 TiB dump $%.2f (requests + a month), and "
                + "at this rate 1 TiB takes %.1f h through S3.", usage.putCopyPostList(), usage.get(),
                measured.requestsUsd(), measured.storageMonthUsd(), tenGb.totalUsd(), oneTb.totalUsd(), hoursPerTb));

        List<String> notes = List.of(
                "The source is a mariadbd of the lab's own (" + source.version() + ", InnoDB, 256 MB buffer pool) "
                        + "standing in for on-premises MySQL; the target a one-instance Aurora MySQL cluster created "
                        + "through the RDS API and loaded through its cluster endpoint.",
                "mariadb-dump runs with --single-transaction --quick; its output is streamed into S3 in "
                        + (S3Streams.PART_SIZE >> 20) + " MiB parts (at most two in memory) and streamed back out with "
                        + "one GET into the mariadb client: the dump never touches the disk or the heap whole.",
                "Scaled figures are linear extrapolations of this run's rates; parts grow past " + S3Streams.MAX_PARTS
                        + " × " + (S3Streams.PART_SIZE >> 20) + " MiB as S3's 10,000-part limit requires. Data "
                        + "transfer into S3 and from S3 to Aurora in the same region is free; DELETEs are free.",
                "In the chart the direct path is one bar (\"load\"): its dump and load run at once, through a pipe.",
                "Times are on a shared 2-core machine under load from other work: compare the paths, not the absolute "
                        + "numbers.");
        return new LabResult(verdict, conclusions, reportTables, List.of(chart), notes);
    }

    // ---- helpers ----

    /** The Aurora cluster endpoint, with connections that allow long statements (CHECKSUM TABLE of a large table). */
    private record Target(String host, int port) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port
                    + "/lab?connectTimeout=5000&socketTimeout=600000", Aurora.USER, Aurora.PASSWORD);
        }

        Map<String, Check> check(String database, List<String> tables) throws SQLException {
            try (Connection connection = connect()) {
                return TableChecks.check(connection, database, tables);
            }
        }
    }

    private interface Feed {
        void run() throws IOException;
    }

    /**
     * Feeds a loading {@code mariadb} through {@code feed} and waits for it; when the feed fails
     * because the client died (a broken pipe), the client's own error is the one thrown.
     */
    private static void feed(Running load, Feed feed) throws IOException, InterruptedException {
        try {
            feed.run();
        } catch (IOException e) {
            try {
                load.awaitSuccess();
            } catch (IOException clientError) {
                clientError.addSuppressed(e);
                throw clientError;
            }
            throw e;
        }
        load.awaitSuccess();
    }

    private static long innodbBytes(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT SUM(data_length + index_length) FROM "
                     + "information_schema.tables WHERE table_schema = '" + SampleShop.DATABASE + "'")) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static String match(Check source, @Nullable Check copy) {
        if (copy == null || copy.checksum() == null) {
            return "missing";
        }
        return copy.equals(source) ? "same" : String.format(Locale.ROOT, "DIFFERENT (%,d rows, %s)", copy.rows(),
                copy.checksum());
    }

    private static long directorySize(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String usd(double value) {
        return value < 0.01 ? String.format(Locale.ROOT, "%.6f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String duration(double seconds) {
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 7200) {
            return String.format(Locale.ROOT, "%.0f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
}
