package dev.haneul.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.haneul.testing.HaneulExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * After a demo-like set-up (an Aurora cluster with a writer and a seeded reader, an ElastiCache
 * group with an AuthToken and a replica, an ALB), no file under the data dir that another user
 * could read holds a secret: the master password or its hash, the AuthToken, the secret names of
 * the renamed Redis admin commands, or a password line of an engine's config. "Could read" means
 * group- or world-readable through directories group or others can enter (the data dir's own mode
 * is the user's choice, as for {@code ~/.haneul}, so it does not count).
 */
class DataDirSecretsIT {

    private static final String MASTER_PASSWORD = "Dat4Dir-Secret-Pw";
    private static final String AUTH_TOKEN = "session-store-token-0123456789";
    private static final Pattern ADMIN_SECRET = Pattern.compile("\"adminSecret\"\\s*:\\s*\"([^\"]+)\"");
    private static final List<String> CONFIG_SECRETS = List.of("requirepass", "masterauth", "rename-command",
            "password=");

    @RegisterExtension
    static final HaneulExtension haneul = new HaneulExtension();

    @Test
    void noFileOthersCanReadHoldsASecret() throws Exception {
        RdsClient rds = haneul.client(RdsClient.builder());
        ElastiCacheClient cache = haneul.client(ElastiCacheClient.builder());
        ElasticLoadBalancingV2Client elb = haneul.client(ElasticLoadBalancingV2Client.builder());
        rds.createDBCluster(r -> r.dbClusterIdentifier("board-db").engine("aurora-mysql").masterUsername("admin")
                .masterUserPassword(MASTER_PASSWORD));
        for (String id : List.of("board-db-1", "board-db-2")) {
            rds.createDBInstance(r -> r.dbInstanceIdentifier(id).dbClusterIdentifier("board-db")
                    .engine("aurora-mysql").dbInstanceClass("db.r6g.large"));
        }
        cache.createReplicationGroup(r -> r.replicationGroupId("sessions").replicationGroupDescription("sessions")
                .numCacheClusters(2).authToken(AUTH_TOKEN));
        elb.createLoadBalancer(r -> r.name("board").subnets("subnet-0a1b2c3d", "subnet-4e5f6a7b"));
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                rds.describeDBInstances().dbInstances().stream().allMatch(i -> i.dbInstanceStatus().equals("available"))
                        && cache.describeReplicationGroups().replicationGroups().getFirst().status().equals("available"));

        Path dataDir = haneul.dataDir();
        List<String> secrets = new ArrayList<>(List.of(MASTER_PASSWORD, passwordHash(MASTER_PASSWORD), AUTH_TOKEN));
        Matcher admin = ADMIN_SECRET.matcher(Files.readString(
                dataDir.resolve("state/elasticache/000000000000/us-east-1.json")));
        assertThat(admin.find()).as("the group's admin secret is in its state").isTrue();
        secrets.add(admin.group(1));

        List<String> exposed = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                boolean group = mode.contains(PosixFilePermission.GROUP_READ)
                        && reachable(dataDir, file, PosixFilePermission.GROUP_EXECUTE);
                boolean others = mode.contains(PosixFilePermission.OTHERS_READ)
                        && reachable(dataDir, file, PosixFilePermission.OTHERS_EXECUTE);
                if ((group || others) && holdsASecret(file, secrets)) {
                    exposed.add(dataDir.relativize(file) + " " + PosixFilePermissions.toString(mode));
                }
            }
        }
        assertThat(exposed).as("files others can read that hold a secret").isEmpty();
        // And the config files that hold them exist and are owner-only, from their creation.
        try (Stream<Path> files = Files.walk(dataDir.resolve("engines"))) {
            List<Path> redisConfs = files.filter(f -> f.getFileName().toString().equals("redis.conf")).toList();
            assertThat(redisConfs).hasSize(2).allSatisfy(conf -> assertThat(PosixFilePermissions
                    .toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-------"));
        }
        // The binary log carries the master user's password hash: mariadbd writes it owner-only.
        try (Stream<Path> files = Files.walk(dataDir.resolve("engines"))) {
            List<Path> binlogs = files.filter(f -> f.getFileName().toString().matches("mysql-bin\\.\\d+")).toList();
            assertThat(binlogs).isNotEmpty().allSatisfy(log -> assertThat(PosixFilePermissions
                    .toString(Files.getPosixFilePermissions(log))).isEqualTo("rw-------"));
        }
        // What holds all of that is closed to others, so files a tool creates later are covered too.
        for (String dir : List.of("state", "engines")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dataDir.resolve(dir)))).isEqualTo("rwx------");
        }
    }

    /** Whether every directory between the data dir and {@code file} lets {@code enter} through. */
    private static boolean reachable(Path dataDir, Path file, PosixFilePermission enter) throws IOException {
        for (Path dir = file.getParent(); !dir.equals(dataDir); dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(enter)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsASecret(Path file, List<String> secrets) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return secrets.stream().anyMatch(text::contains) || CONFIG_SECRETS.stream().anyMatch(text::contains);
    }

    /** MariaDB's mysql_native_password hash, as Haneul stores the master password. */
    private static String passwordHash(String password) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        return "*" + HexFormat.of().withUpperCase().formatHex(sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8))));
    }
}
