package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.jobstore.HazelcastJobStore;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.members.TestCluster;
import dev.gridexec.scheduler.SchedulerSettings;
import dev.gridexec.scheduler.StragglerPolicy;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.ProbeKernel;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several coordinators on one cluster: a job outlives the coordinator that accepted it (killed, stopped, restarted),
 * any coordinator answers for any job, and no finished chunk runs again because of an adoption.
 */
@Timeout(180)
class CoordinatorAdoptionTest {

    static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);
    static final int CHUNKS = 40;
    /** No speculative copies of slow chunks (copies of the tail, counted in chunks.speculative, still run). */
    static final SchedulerSettings NO_COPIES = SchedulerSettings.defaults()
            .withStragglers(new StragglerPolicy(1_000, Duration.ofHours(1), Duration.ofHours(1)));

    private TestCluster cluster;
    private final List<AutoCloseable> closers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ProbeBoard.reset();
        cluster = new TestCluster(CATALOG, 2);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closer : closers) {
            closer.close();
        }
        cluster.close();
    }

    /** A coordinator named {@code name} on a lite member of its own. */
    private TestCoordinator coordinator(String name) throws Exception {
        TestCoordinator coordinator = TestCoordinator.start(cluster, CATALOG, name, NO_COPIES);
        closers.add(coordinator::close);
        return coordinator;
    }

    /** 40 chunks of 150 ms each (sleeping, so the machine's load does not matter), one worker on each of two nodes. */
    static Task waitingJob() {
        return new Task(null, "probe", Map.of("action", "wait", "millis", 150L), CHUNKS, Mode.THREADS, 1, 2, 1, 5, 0, null, 3);
    }

    static void assertExact(JobRecord record) {
        assertThat(record.state()).as("%s", record.error()).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("chunks").asInt()).isEqualTo(CHUNKS);
        assertThat(record.chunks().done()).isEqualTo(CHUNKS);
    }

    /** coord-a and coord-b, and a {@link #waitingJob()} accepted by coord-a, with the future of its end as one of them sees it. */
    private record Accepted(TestCoordinator first, TestCoordinator second, JobRecord job, CompletableFuture<JobRecord> end) {}

    /**
     * Starts coord-a and coord-b, submits a {@link #waitingJob()} to coord-a, follows its end from the coordinator named
     * {@code watcher}, and returns once 12 of its chunks are done.
     */
    private Accepted acceptedByFirstTwelveChunksDone(String watcher) throws Exception {
        TestCoordinator first = coordinator("coord-a");
        TestCoordinator second = coordinator("coord-b");
        JobRecord accepted = first.service().submit(waitingJob());
        assertThat(accepted.owner()).isEqualTo("coord-a");
        CompletableFuture<JobRecord> end = (watcher.equals("coord-a") ? first : second).finished(accepted.id());
        awaitTwelveChunksDone();
        return new Accepted(first, second, accepted, end);
    }

    private static void awaitTwelveChunksDone() throws InterruptedException {
        assertThat(ProbeBoard.awaitFinished(12, Duration.ofSeconds(60))).as("12 chunks done").isTrue();
    }

    /** Waits for the adopted job's end: exact, owned by {@code owner}, adopted once. */
    private static JobRecord awaitAdoptedEnd(CompletableFuture<JobRecord> end, String owner) throws Exception {
        JobRecord done = end.get(90, TimeUnit.SECONDS);
        assertExact(done);
        assertThat(done.owner()).as("%s", done).isEqualTo(owner);
        assertThat(done.adoptions()).isEqualTo(1);
        return done;
    }

    @Test
    void jobOfAKilledCoordinatorIsAdoptedByAnotherAndEndsExactRunningFewChunksAgain() throws Exception {
        Accepted job = acceptedByFirstTwelveChunksDone("coord-b");

        job.first().kill();

        JobRecord done = awaitAdoptedEnd(job.end(), "coord-b");
        int runAgain = ProbeBoard.STARTED.get() - CHUNKS - done.chunks().speculative(); // copies of the tail are no reruns
        assertThat(runAgain).as("chunks run a second time").isBetween(0, 8);
        assertThat(done.chunks().retried()).as("retried counts the chunks run again").isBetween(0, runAgain);
        assertThat(job.second().service().find(job.job().id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void stoppedCoordinatorHandsItsJobOverWithoutAnyChunkRunningTwice() throws Exception {
        Accepted job = acceptedByFirstTwelveChunksDone("coord-b");

        job.first().service().handOver(Duration.ofSeconds(20));
        job.first().close();

        JobRecord done = awaitAdoptedEnd(job.end(), "coord-b");
        assertThat(ProbeBoard.STARTED.get()).as("every chunk ran once, but for the adopter's copies of its tail: " + done.chunks())
                .isEqualTo(CHUNKS + done.chunks().speculative());
        assertThat(done.chunks().retried()).isZero();
    }

    @Test
    void coordinatorRestartedUnderItsNameResumesTheJobsItHad() throws Exception {
        TestCoordinator first = coordinator("coord-a");
        JobRecord accepted = first.service().submit(waitingJob());
        awaitTwelveChunksDone();
        first.kill();
        cluster.awaitMembers(3); // the two nodes and the test's own lite member

        TestCoordinator again = coordinator("coord-a");

        JobRecord done = awaitAdoptedEnd(again.finished(accepted.id()), "coord-a");
        assertThat(ProbeBoard.STARTED.get() - CHUNKS - done.chunks().speculative()).as("chunks run a second time").isBetween(0, 8);
    }

    @Test
    void coordinatorThatFindsItsJobClaimedByAnotherStopsRunningItAndFreesItsWorkers() throws Exception {
        Accepted job = acceptedByFirstTwelveChunksDone("coord-a");
        TestCoordinator first = job.first();
        TestCoordinator second = job.second();
        JobRecord accepted = job.job();

        // A second claim of a job its owner still runs, as one made from a stale view of the cluster (or by the
        // other half of a split cluster): both coordinators run it until the first one's next save finds it taken.
        HazelcastJobStore store = new HazelcastJobStore(second.member(), Duration.ofMinutes(5));
        closers.add(store::close);
        Optional<JobRecord> claim = Optional.empty();
        for (int i = 0; i < 10 && claim.isEmpty(); i++) { // the owner's own saves may come first: a compare-and-set
            claim = store.claim(accepted.id(), record -> true, record -> record.adoptedBy("coord-b"));
        }
        JobRecord claimed = claim.orElseThrow();
        second.service().adopt(claimed);

        JobRecord done = awaitAdoptedEnd(job.end(), "coord-b"); // the end as the first coordinator sees it
        int runAgain = ProbeBoard.STARTED.get() - CHUNKS - done.chunks().speculative();
        // Run twice: the first's chunks in flight at the claim, what it started before its next save (<= 250 ms) found
        // the job taken, and outputs not yet in the ledger (written every 100 ms); both running the rest would be 28.
        assertThat(runAgain).as("chunks run a second time").isBetween(0, 16);
        // the relinquished job holds none of coord-a's workers: a job that needs all of them starts and ends
        Task everyWorker = new Task(null, "probe", Map.of("action", "wait", "millis", 10L), 4, Mode.THREADS, 2, 2, 1, 5, 0, null, 3);
        JobRecord next = first.service().submit(everyWorker);
        assertThat(first.finished(next.id()).get(60, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
    }

    @Test
    void cancelAskedOfAnotherCoordinatorEndsTheJobCancelled() throws Exception {
        TestCoordinator first = coordinator("coord-a");
        TestCoordinator second = coordinator("coord-b");
        Task gated = new Task(null, "probe", Map.of("action", "gate", "millis", 60_000L), 8, Mode.THREADS, 1, 2, 1, 5, 0, null, 3);
        JobRecord accepted = first.service().submit(gated);
        assertThat(ProbeBoard.awaitStarted(2, Duration.ofSeconds(60))).as("chunks running").isTrue();

        JobRecord cancelled = second.service().cancel(accepted.id()).orElseThrow();

        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(first.service().find(accepted.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
        assertThat(second.service().list()).extracting(JobRecord::id).contains(accepted.id());
    }

    @Test
    void secondCoordinatorUnderATakenNameIsRefusedWithTheReason() throws Exception {
        coordinator("coord-a");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> coordinator("coord-a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another coordinator named coord-a is in the cluster");
    }
}
