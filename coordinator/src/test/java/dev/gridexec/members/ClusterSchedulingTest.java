package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cluster.NodeService;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.scheduler.JobRun;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.ProbeKernel;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ClusterSchedulingTest {

    private static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);

    private TestCluster cluster;

    @BeforeEach
    void start() throws Exception {
        ProbeBoard.reset();
        cluster = new TestCluster(CATALOG, 2);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static Task task(String kernel, Map<String, Object> params, int chunks, Mode mode) {
        return new Task(null, kernel, params, chunks, mode, 1, 2, 1, 5, 0, null, 3);
    }

    /** Submits and returns once {@code done} chunks have finished. */
    private JobRun submitAndAwaitProgress(Task task, int done) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        JobRun job = cluster.scheduler.submit(task, new JobListener() {
            @Override
            public void progress(JobProgress progress) {
                if (progress.done() >= done) {
                    reached.countDown();
                }
            }
        });
        assertThat(reached.await(60, TimeUnit.SECONDS)).as(done + " chunks done within 60 s").isTrue();
        return job;
    }

    @Test
    void jobRunsAcrossBothNodesWithTheExactResult() throws Exception {
        for (Mode mode : Mode.values()) {
            JobRecord record = cluster.scheduler.submit(task("primes", Map.of("limit", 200_000L), 64, mode), JobListener.NONE)
                    .completion().get(60, TimeUnit.SECONDS);
            assertThat(record.state()).as(mode + ": " + record.error()).isEqualTo(JobState.SUCCEEDED);
            assertThat(record.result().get("count").asLong()).isEqualTo(17_984);
            assertThat(record.chunks().retried()).isZero();
            if (mode == Mode.PROCESSES) {
                continue; // a node whose child JVMs are still starting may rightly get none of a 13 ms job's chunks
            }
            assertThat(record.placement()).extracting(Placement::node).containsExactlyInAnyOrder("node-0", "node-1");
            assertThat(record.placement()).allSatisfy(p -> assertThat(p.chunks()).isPositive());
        }
    }

    /**
     * No node hoards the queue (before the balancing, one node took 478 of 480). The nodes share this JVM and
     * a shared, often overloaded machine, so a node that really runs slower rightly gets fewer: the bound is
     * loose here; BalancedDispatchTest holds 40-60% with steady nodes, docs/SCHEDULING.md the benchmark.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} chunks")
    @org.junit.jupiter.params.provider.ValueSource(ints = {48, 480})
    void cheapChunksSpreadEvenlyOverTwoNodes(int chunks) throws Exception {
        for (int repeat = 0; repeat < 3; repeat++) {
            JobRecord record = cluster.scheduler.submit(
                    new Task(null, "primes", Map.of("limit", 3_000_000L), chunks, Mode.THREADS, 1, 2, 1, 5, 0, null, 3),
                    JobListener.NONE).completion().get(60, TimeUnit.SECONDS);
            assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
            assertThat(record.result().get("count").asLong()).isEqualTo(216_816);
            assertThat(record.placement()).as("placement of " + chunks + " chunks").hasSize(2)
                    .allSatisfy(p -> assertThat(p.chunks()).isBetween(chunks * 10 / 100, chunks * 90 / 100));
        }
    }

    @Test
    void killedNodesChunksAreRetriedElsewhere() throws Exception {
        JobRun job = submitAndAwaitProgress(task("probe", Map.of("action", "spin", "millis", 40L), 64, Mode.THREADS), 8);
        cluster.nodes.get(1).hazelcast().getLifecycleService().terminate();
        JobRecord record = job.completion().get(60, TimeUnit.SECONDS);
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("chunks").asInt()).isEqualTo(64);
        // run again elsewhere: retried once the failure detector drops the node, or copied before that as
        // stragglers while the silent node holds them (docs/SCHEDULING.md, stragglers and slow nodes)
        assertThat(record.chunks().retried() + record.chunks().speculative()).isPositive();
        assertThat(record.chunks().failed()).isZero();
    }

    @Test
    void gracefullyStoppedNodeHandsItsWorkBackWithoutFailedChunks() throws Exception {
        JobRun job = submitAndAwaitProgress(task("probe", Map.of("action", "spin", "millis", 40L), 64, Mode.THREADS), 8);
        cluster.nodes.get(1).close();
        JobRecord record = job.completion().get(60, TimeUnit.SECONDS);
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("chunks").asInt()).isEqualTo(64);
        assertThat(record.chunks().failed()).isZero();
        assertThat(ProbeBoard.STARTED.get()).as("every chunk ran once: the stopped node finished the chunks it had started"
                + " and none ran again elsewhere (but for speculative copies of late ones: " + record.chunks().speculative() + ")")
                .isBetween(64, 64 + record.chunks().speculative());
        assertThat(record.chunks().retried()).as("chunks run again: a draining node hands back what it has not started").isZero();
        assertThat(record.chunks().done()).isEqualTo(64);
    }

    @Test
    void cancelStopsChunksOnEveryNodeWithinOneSecond() throws Exception {
        JobRun job = cluster.scheduler.submit(task("probe", Map.of("action", "spin", "millis", 600_000L), 8, Mode.THREADS),
                JobListener.NONE);
        assertThat(ProbeBoard.awaitStarted(2, Duration.ofSeconds(30))).as("chunks started on both nodes within 30 s").isTrue();
        assertThat(ProbeBoard.STARTED.get()).as("one chunk per node (one worker each)").isEqualTo(2);
        long cancelled = System.nanoTime();
        job.cancel();
        assertThat(job.completion().get(5, TimeUnit.SECONDS).state()).isEqualTo(JobState.CANCELLED);
        Duration left = Duration.ofSeconds(1).minusNanos(System.nanoTime() - cancelled);
        assertThat(ProbeBoard.awaitFinished(2, left)).as("both running chunks stopped within 1 s of the cancel").isTrue();
        assertThat(cluster.nodes).allSatisfy(n -> assertThat(NodeService.of(n.hazelcast()).runningJobs()).isZero());
    }

    @Test
    void kernelThatAlwaysThrowsFailsNamingTheChunk() throws Exception {
        JobRecord record = cluster.scheduler.submit(task("probe", Map.of("action", "throw", "failChunk", 5L), 16, Mode.SLOTS),
                JobListener.NONE).completion().get(60, TimeUnit.SECONDS);
        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.error().chunk()).isEqualTo(5);
        assertThat(record.error().message()).contains("after 3 attempts", "probe failure in chunk 5");
    }

    @Test
    void nodeThatJoinsLateReceivesWork() throws Exception {
        cluster.addNode();
        cluster.awaitMembers(4);
        JobRecord record = cluster.scheduler.submit(
                new Task(null, "primes", Map.of("limit", 300_000L), 96, Mode.THREADS, 1, 3, 1, 5, 0, null, 3),
                JobListener.NONE).completion().get(60, TimeUnit.SECONDS);
        assertThat(record.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.placement()).extracting(Placement::node).contains("node-2");
    }

    @Test
    void nodeJoiningMidJobIsGivenChunks() throws Exception {
        JobRun job = submitAndAwaitProgress(
                new Task(null, "probe", Map.of("action", "spin", "millis", 40L), 96, Mode.THREADS, 1, 3, 1, 5, 0, null, 3), 4);
        cluster.addNode();
        JobRecord record = job.completion().get(60, TimeUnit.SECONDS);
        assertThat(record.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.warnings()).singleElement().asString().contains("asked for 3 nodes but only 2 exist");
        assertThat(record.placement()).extracting(Placement::node).contains("node-2");
    }
}
