package dev.gridexec.jobstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.hazelcast.map.LocalMapStats;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.wire.Timing;
import dev.gridexec.members.TestCluster;
import dev.gridexec.node.NodeProcess;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What finished jobs' records cost the cluster: 1,000 records of a typical job (two nodes, a small result), as
 * Hazelcast counts the memory of the entries the nodes own and back up. docs/HA.md quotes the figure.
 */
@Timeout(120)
class FinishedRecordsMemoryTest {

    private static final Logger LOG = LoggerFactory.getLogger(FinishedRecordsMemoryTest.class);
    private static final int RECORDS = 1_000;

    private static JobRecord finished(String id) throws Exception {
        Task task = new Task(null, "primes", Map.of("limit", 3_000_000L), 48, Mode.SLOTS, 2, 2, 1, 5, 0, null, 3);
        return new JobRecord(id, JobState.SUCCEEDED, task, JsonMapper.builder().build().readTree("{\"count\":216816}"), null,
                List.of(), new ChunkCounts(48, 48, 0, 0, 2), new Timing(431, 12, 820),
                List.of(new Placement("node-0", 25, 410), new Placement("node-1", 23, 410)), "autotuned", null,
                "coordinator-0", null, Instant.now().toString());
    }

    @Test
    void thousandFinishedRecordsCostTheClusterUnderTwoMegabytes() throws Exception {
        TestCluster cluster = new TestCluster(KernelCatalog.builtIn(), 2);
        HazelcastJobStore store = new HazelcastJobStore(cluster.coordinator, Duration.ofHours(1));
        try {
            java.util.List<java.util.concurrent.CompletableFuture<Void>> writes = new java.util.ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                writes.add(store.saveEnded(finished(UUID.randomUUID().toString())).toCompletableFuture());
            }
            // saveEnded is asynchronous: count once every write is in (it was counted while some were in flight)
            java.util.concurrent.CompletableFuture.allOf(writes.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
            long owned = 0;
            long backups = 0;
            for (NodeProcess node : cluster.nodes) {
                LocalMapStats stats = node.hazelcast().getMap(ClusterConfigs.JOBS_MAP).getLocalMapStats();
                owned += stats.getOwnedEntryMemoryCost();
                backups += stats.getBackupEntryMemoryCost();
            }
            long perRecord = (owned + backups) / RECORDS;
            LOG.warn("{} finished records: {} bytes owned + {} bytes of backups on the nodes = {} bytes a record",
                    RECORDS, owned, backups, perRecord);
            assertThat(store.all()).hasSize(RECORDS);
            assertThat(owned + backups).as("bytes on the nodes for %d records", RECORDS).isBetween(1L, 2_000_000L);
        } finally {
            store.close();
            cluster.close();
        }
    }
}
