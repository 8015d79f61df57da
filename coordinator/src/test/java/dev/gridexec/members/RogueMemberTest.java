package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.BatchResult;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.RunBatch;
import dev.gridexec.wire.ChunkBatch;
import dev.gridexec.wire.TaskCodec;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.wire.Timing;
import dev.gridexec.jobstore.HazelcastJobStore;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.Member;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.trust.ClusterSecret;
import dev.gridexec.trust.Seal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rogue member: it joins with the right cluster name (on loopback) but without the cluster secret, and announces
 * itself as a node. It is neither listed nor sent work, and the records, cancel requests and ledger entries it forges or
 * edits in the maps are refused: not served, not adopted, not acted on; the nodes run no batch it sends them.
 */
@Timeout(180)
class RogueMemberTest {

    private static final ClusterSecret SECRET = ClusterSecret.of("rogue-member-test-" + UUID.randomUUID());

    private static TestCluster cluster;
    private static HazelcastInstance rogue;
    private static HazelcastJobStore store;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.withSecret(KernelCatalog.builtIn(), 1, SECRET);
        Config config = ClusterConfigs.member(cluster.withoutSecret(), "rogue-" + UUID.randomUUID(), false,
                MemberAttributes.node("rogue", 4, Mode.THREADS));
        config.getExecutorConfig(ClusterConfigs.EXECUTOR).setStatisticsEnabled(true); // to count the batches it is sent
        rogue = Hazelcast.newHazelcastInstance(config);
        cluster.awaitMembers(3);
        store = new HazelcastJobStore(cluster.coordinator, Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (rogue != null) {
            rogue.getLifecycleService().terminate();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aMemberWithoutTheSecretIsNeitherListedNorSentWork() throws Exception {
        assertThat(cluster.clusterMembers().members()).extracting(Member::name).containsExactly("node-0");
        assertThat(cluster.clusterMembers().describe(node -> 0)).extracting(NodeInfo::name).containsExactly("node-0");
        assertThat(cluster.scheduler.memberCount()).isEqualTo(1);

        Task task = new Task(null, "primes", Map.of("limit", 100_000L), 16, Mode.THREADS, 1, 2, 1, 5, 0, null, 3);
        JobRecord record = cluster.scheduler.submit(task, JobListener.NONE).completion().get(60, TimeUnit.SECONDS);

        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("count").asLong()).isEqualTo(9_592);
        assertThat(record.placement()).extracting(Placement::node).containsExactly("node-0");
        assertThat(rogue.getExecutorService(ClusterConfigs.EXECUTOR).getLocalExecutorStats().getStartedTaskCount()).isZero();
    }

    @Test
    void aRecordTheRogueForgesIsNotServedNorAdopted() {
        String id = UUID.randomUUID().toString();
        // What a coordinator would write, unsealed: a running job of a coordinator that left, ripe for adoption.
        rogue.<String, String>getMap(ClusterConfigs.JOBS_MAP).set(id, "{\"id\":\"" + id + "\",\"state\":\"RUNNING\",\"owner\":\"gone\"}");

        assertThat(store.find(id)).isEmpty();
        assertThat(store.all()).extracting(JobRecord::id).doesNotContain(id);
        assertThat(store.claim(id, found -> true, found -> found)).isEmpty();
    }

    @Test
    void aRecordTheRogueEditsIsRefusedAndItsOwnerWritesOverIt() throws Exception {
        String id = UUID.randomUUID().toString();
        store.saveNow(running(id, "coordinator", 1));
        assertThat(store.find(id)).isPresent();
        IMap<String, String> records = rogue.getMap(ClusterConfigs.JOBS_MAP);

        records.set(id, records.get(id).replace("\"coordinator\"", "\"rogue\""));

        assertThat(store.find(id)).isEmpty();
        assertThat(store.claim(id, found -> true, found -> found)).isEmpty();
        assertThat(store.save(running(id, "coordinator", 2)).toCompletableFuture().get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.find(id).orElseThrow().chunks().done()).isEqualTo(2);
    }

    @Test
    void cancelRequestsAndLedgerEntriesTheRogueWritesAreIgnored() {
        String id = UUID.randomUUID().toString();
        rogue.<String, String>getMap(ClusterConfigs.CANCELS_MAP).set(id, Long.toString(System.currentTimeMillis()));
        rogue.<String, byte[]>getMap(ClusterConfigs.LEDGER_MAP).set(id + "/rogue.1", new byte[] {1, 2, 3, 4});

        assertThat(store.cancelRequested(id)).isFalse();
        assertThat(store.ledger().read(id).outputs()).isEmpty();

        store.requestCancel(id);
        assertThat(store.cancelRequested(id)).as("a coordinator's own request").isTrue();
    }

    @Test
    void batchesTheRogueSendsAreRefusedByTheNodes() {
        com.hazelcast.cluster.Member node = cluster.nodes.get(0).hazelcast().getCluster().getLocalMember();
        Task task = new Task(null, "primes", Map.of("limit", 1_000L), 1, Mode.THREADS, 1, 1, 1, 5, 0, null, 3);
        for (Seal seal : List.of(Seal.none(), Seal.with(ClusterSecret.of("another-secret-" + UUID.randomUUID())))) {
            Future<BatchResult> sent = rogue.getExecutorService(ClusterConfigs.EXECUTOR).submitToMember(
                    new RunBatch(seal, new ChunkBatch("rogue-job", TaskCodec.encode(task), new int[] {0}, new byte[][] {{0}})), node);

            assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS)).as(seal.toString())
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("refused");
        }
    }

    private static JobRecord running(String id, String owner, int done) {
        Task task = new Task(null, "primes", Map.of("limit", 100_000L), 8, Mode.THREADS, 1, 1, 1, 5, 0, null, 3);
        return new JobRecord(id, JobState.RUNNING, task, null, null, List.of(), new ChunkCounts(8, done, 0, 0, 0),
                new Timing(10, 1, 5), List.of(), "autotuned", null, owner, null, Instant.now().toString());
    }
}
