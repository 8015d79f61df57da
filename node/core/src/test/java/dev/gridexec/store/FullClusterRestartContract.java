package dev.gridexec.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.QueryConstants;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.ClusterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every member of a cluster killed at once and the cluster started again on the same database: the durable maps
 * come back whole, TTLs included, and what expired meanwhile does not. Each subclass runs it on one database.
 */
abstract class FullClusterRestartContract {

    /** Enough records that loading them takes a while, to show queries wait for it. */
    private static final int OLDER_RECORDS = 3_000;

    private final String clusterName = "gridexec-store-test-" + UUID.randomUUID();
    private final List<HazelcastInstance> started = new ArrayList<>();

    @AfterEach
    void stopEveryMember() {
        started.forEach(member -> member.getLifecycleService().terminate());
    }

    /** The database both clusters use, empty at first. */
    abstract StoreSettings store();

    /** Two data members and, when asked, a lite member (a coordinator's), on fresh loopback ports. */
    private List<HazelcastInstance> startCluster(boolean withLite) {
        List<Integer> ports = List.of(freePort(), freePort(), freePort());
        List<String> addresses = ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.toList());
        List<HazelcastInstance> members = new ArrayList<>();
        for (int i = 0; i < (withLite ? 3 : 2); i++) {
            boolean lite = i == 2;
            ClusterSettings settings = new ClusterSettings(clusterName, "127.0.0.1", ports.get(i), addresses, Optional.empty(), 5)
                    .withStore(store());
            HazelcastInstance member = Hazelcast.newHazelcastInstance(
                    ClusterConfigs.member(settings, clusterName + "-" + UUID.randomUUID(), lite, Map.of()));
            started.add(member);
            members.add(member);
        }
        assertThat(members.get(0).getCluster().getMembers()).as("every member joined the first").hasSize(members.size());
        return members;
    }

    @Test
    void aClusterKilledWholeComesBackWithItsRecordsJarsLedgersAndTheirTtls() {
        List<HazelcastInstance> first = startCluster(false);
        HazelcastInstance a = first.get(0);
        IMap<String, String> jobs = a.getMap(ClusterConfigs.JOBS_MAP);
        IMap<String, byte[]> artifacts = a.getMap(ClusterConfigs.ARTIFACTS_MAP);
        IMap<String, byte[]> ledger = a.getMap(ClusterConfigs.LEDGER_MAP);
        IMap<String, String> cancels = a.getMap(ClusterConfigs.CANCELS_MAP);
        byte[] jar = "PK\u0003\u0004 a jar".getBytes(StandardCharsets.ISO_8859_1);

        Map<String, String> older = new java.util.HashMap<>();
        for (int i = 0; i < OLDER_RECORDS; i++) {
            older.put("older-" + i, "{\"state\":\"SUCCEEDED\",\"n\":" + i + "}");
        }
        jobs.putAll(older);
        jobs.set("ended", "{\"state\":\"SUCCEEDED\"}", 1, TimeUnit.HOURS);
        long endedExpires = jobs.getEntryView("ended").getExpirationTime();
        jobs.set("running", "{\"state\":\"RUNNING\"}");
        artifacts.set("sha-1", jar);
        ledger.putAll(Map.of("running/0", new byte[] {0}, "running/1", new byte[] {1}, "running/2", new byte[] {2}));
        ledger.delete("running/2");
        // An ended job's ledger goes as the coordinator removes it: by a predicate on the keys.
        ledger.putAll(Map.of("ended/0", new byte[] {0}, "ended/1", new byte[] {1}));
        ledger.removeAll(Predicates.like(QueryConstants.KEY_ATTRIBUTE_NAME.value(), "ended/%"));
        cancels.set("running", "1700000000000");

        first.forEach(member -> member.getLifecycleService().terminate());
        started.clear();
        try (StoreDatabase database = StoreDatabase.open(store(), Map.of(ClusterConfigs.JOBS_MAP, ValueType.TEXT))) {
            // A record whose retention ran out while the cluster was down.
            database.store(ClusterConfigs.JOBS_MAP).store("expired",
                    new MetadataAwareValue<>("{\"state\":\"FAILED\"}", System.currentTimeMillis() - 1_000));
        }

        List<HazelcastInstance> second = startCluster(true);
        HazelcastInstance coordinator = second.get(2);
        // What a coordinator does first after a restart: read through its lite member, which holds no data itself.
        IMap<String, String> jobsAgain = coordinator.getMap(ClusterConfigs.JOBS_MAP);
        assertThat(jobsAgain.keySet()).as("all loaded before the first query answers").hasSize(OLDER_RECORDS + 2)
                .contains("ended", "running", "older-0", "older-" + (OLDER_RECORDS - 1)).doesNotContain("expired");
        assertThat(jobsAgain.get("ended")).isEqualTo("{\"state\":\"SUCCEEDED\"}");
        assertThat(jobsAgain.get("expired")).isNull();
        assertThat(jobsAgain.getEntryView("ended").getExpirationTime()).as("the rest of its TTL, not a new one")
                .isCloseTo(endedExpires, within(2_000L));
        assertThat(jobsAgain.getEntryView("running").getExpirationTime()).isEqualTo(Long.MAX_VALUE);

        IMap<String, byte[]> artifactsAgain = coordinator.getMap(ClusterConfigs.ARTIFACTS_MAP);
        assertThat(artifactsAgain.get("sha-1")).isEqualTo(jar);
        IMap<String, byte[]> ledgerAgain = coordinator.getMap(ClusterConfigs.LEDGER_MAP);
        assertThat(ledgerAgain.keySet()).containsExactlyInAnyOrder("running/0", "running/1");
        assertThat(ledgerAgain.get("running/1")).containsExactly(1);
        IMap<String, String> cancelsAgain = coordinator.getMap(ClusterConfigs.CANCELS_MAP);
        assertThat(cancelsAgain.get("running")).isEqualTo("1700000000000");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
