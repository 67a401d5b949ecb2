package dev.haneul.it.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.Endpoint;
import software.amazon.awssdk.services.elasticache.model.NodeGroup;
import software.amazon.awssdk.services.elasticache.model.NodeGroupMember;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/** What the ElastiCache ITs share: waiting with the SDK's own waiters, redis-cli, Lettuce, killing engines. */
final class Caches {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** The SDK waiters, polling every 100 ms instead of AWS's 15 s. */
    static final WaiterOverrideConfiguration FAST = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
            .maxAttempts(600)
            .build();

    private Caches() {}

    static ReplicationGroup awaitAvailable(ElastiCacheClient client, String id) {
        return client.waiter().waitUntilReplicationGroupAvailable(DescribeReplicationGroupsRequest.builder().replicationGroupId(id).build(), FAST)
                .matched().response().orElseThrow().replicationGroups().get(0);
    }

    static void awaitDeleted(ElastiCacheClient client, String id) {
        client.waiter().waitUntilReplicationGroupDeleted(
                DescribeReplicationGroupsRequest.builder().replicationGroupId(id).build(), FAST);
    }

    static ReplicationGroup describe(ElastiCacheClient client, String id) {
        return client.describeReplicationGroups(r -> r.replicationGroupId(id)).replicationGroups().get(0);
    }

    static NodeGroup nodeGroup(ReplicationGroup group) {
        return group.nodeGroups().get(0);
    }

    static String primaryId(ReplicationGroup group) {
        return nodeGroup(group).nodeGroupMembers().stream().filter(m -> "primary".equals(m.currentRole()))
                .map(NodeGroupMember::cacheClusterId).findFirst().orElseThrow();
    }

    /** Runs redis-cli against an endpoint; returns its output, trimmed. */
    static String redisCli(Endpoint endpoint, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("redis-cli", "-h", endpoint.address(), "-p",
                Integer.toString(endpoint.port())));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    static boolean redisCliInstalled() {
        try {
            Process process = new ProcessBuilder("redis-cli", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static RedisClient lettuce(Endpoint endpoint, String password) {
        RedisURI.Builder uri = RedisURI.builder().withHost(endpoint.address()).withPort(endpoint.port())
                .withTimeout(Duration.ofSeconds(2));
        if (password != null) {
            uri.withPassword(password.toCharArray());
        }
        return RedisClient.create(uri.build());
    }

    /** The engine directory of a node in the test server's data dir. */
    static Path engineDir(Path dataDir, String nodeId) {
        return dataDir.resolve("engines/elasticache/000000000000-us-east-1").resolve(nodeId);
    }

    static long enginePid(Path dataDir, String nodeId) throws IOException {
        return Long.parseLong(Files.readString(engineDir(dataDir, nodeId).resolve("redis.pid")).strip());
    }

    /** SIGKILL to a node's redis-server, as a crash. */
    static long killEngine(Path dataDir, String nodeId) throws IOException {
        long pid = enginePid(dataDir, nodeId);
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        await().atMost(DEADLINE).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        return pid;
    }

    /** Pids of the redis-server processes whose command line names a config under {@code dataDir}. */
    static List<Long> enginePids(Path dataDir) {
        String marker = dataDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("redis.conf")).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    static Map<String, String> tags(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
