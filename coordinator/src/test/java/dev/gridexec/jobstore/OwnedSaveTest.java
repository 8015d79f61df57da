package dev.gridexec.jobstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Timing;
import dev.gridexec.members.TestCluster;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A running job's record is written only by the coordinator the stored record names, and never over a final record:
 * what stops a job claimed twice from being run by both coordinators. The same for both stores.
 */
@Timeout(120)
class OwnedSaveTest {

    private static TestCluster cluster;
    private static HazelcastJobStore hazelcast;

    @BeforeAll
    static void start() throws Exception {
        cluster = new TestCluster(KernelCatalog.builtIn(), 1);
        hazelcast = new HazelcastJobStore(cluster.coordinator, Duration.ofHours(1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (hazelcast != null) {
            hazelcast.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static List<JobStore> stores() {
        return List.of(new MemoryJobStore(Duration.ofHours(1)), hazelcast);
    }

    private static JobRecord running(String id, String owner, int done) {
        Task task = new Task(null, "primes", Map.of("limit", 100_000L), 8, Mode.THREADS, 1, 1, 1, 5, 0, null, 3);
        return new JobRecord(id, JobState.RUNNING, task, null, null, List.of(), new ChunkCounts(8, done, 0, 0, 0),
                new Timing(10, 1, 5), List.of(), "autotuned", null, owner, null, Instant.now().toString());
    }

    private static boolean save(JobStore store, JobRecord record) throws Exception {
        return store.save(record).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest(autoCloseArguments = false) // the stores are the class's, closed after all
    @MethodSource("stores")
    void ownerWritesItsRunningRecordOverItsOwnAndOverNothing(JobStore store) throws Exception {
        String id = UUID.randomUUID().toString();

        assertThat(save(store, running(id, "coord-a", 1))).isTrue();
        assertThat(save(store, running(id, "coord-a", 2))).isTrue();

        assertThat(store.find(id).orElseThrow().chunks().done()).isEqualTo(2);
    }

    @ParameterizedTest(autoCloseArguments = false) // the stores are the class's, closed after all
    @MethodSource("stores")
    void formerOwnerCannotWriteOverTheClaimOfAnotherCoordinator(JobStore store) throws Exception {
        String id = UUID.randomUUID().toString();
        save(store, running(id, "coord-a", 1));
        JobRecord claimed = store.claim(id, record -> true, record -> record.adoptedBy("coord-b")).orElseThrow();

        assertThat(save(store, running(id, "coord-a", 5))).as("the former owner is told to stop").isFalse();

        assertThat(store.find(id).orElseThrow()).isEqualTo(claimed);
    }

    @ParameterizedTest(autoCloseArguments = false) // the stores are the class's, closed after all
    @MethodSource("stores")
    void runningRecordNeverReplacesAFinalOne(JobStore store) throws Exception {
        String id = UUID.randomUUID().toString();
        JobRecord ended = running(id, "coord-a", 8).ended(JobState.CANCELLED, null);
        store.saveEnded(ended).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(save(store, running(id, "coord-a", 7))).isFalse();

        assertThat(store.find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
    }
}
