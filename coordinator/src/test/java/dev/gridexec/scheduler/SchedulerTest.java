package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.ProbeKernel;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class SchedulerTest {

    private static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);

    private Scheduler scheduler;

    @BeforeEach
    void start() {
        ProbeBoard.reset();
        scheduler = new Scheduler(CATALOG, List.of(new LocalMember(new NodeRuntime("local-0", CATALOG))));
    }

    @AfterEach
    void stop() {
        scheduler.close();
    }

    private static Task probe(Map<String, Object> params, int chunks, int maxAttempts, String timeout, int nodes) {
        return new Task("probe-job", "probe", params, chunks, Mode.THREADS, 2, nodes, 1, 5, 0, timeout, maxAttempts);
    }

    private JobRecord run(Task task) throws Exception {
        return scheduler.submit(task, JobListener.NONE).completion().get(30, TimeUnit.SECONDS);
    }

    @Test
    void jobSucceedsWithOutputsReducedInChunkOrder() throws Exception {
        JobRecord record = run(probe(Map.of("action", "state"), 10, 3, null, 1));
        assertThat(record.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("chunks").asInt()).isEqualTo(10);
        assertThat(record.result().get("sum").asLong()).isEqualTo(45);
        assertThat(record.chunks().total()).isEqualTo(10);
        assertThat(record.chunks().done()).isEqualTo(10);
        assertThat(record.chunks().retried()).isZero();
        assertThat(record.placement()).singleElement().satisfies(p -> {
            assertThat(p.node()).isEqualTo("local-0");
            assertThat(p.chunks()).isEqualTo(10);
        });
        assertThat(record.error()).isNull();
    }

    @Test
    void failedAttemptsAreRetriedAndCounted() throws Exception {
        JobRecord record = run(probe(Map.of("action", "flaky"), 8, 2, null, 1));
        assertThat(record.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.chunks().retried()).isEqualTo(8);
        assertThat(record.chunks().failed()).isZero();
        assertThat(record.result().get("sum").asLong()).isEqualTo(28);
    }

    @Test
    void kernelThatAlwaysThrowsFailsTheJobNamingTheChunkAfterMaxAttempts() throws Exception {
        JobRecord record = run(probe(Map.of("action", "throw", "failChunk", 3L), 6, 3, null, 1));
        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.error().reason()).isEqualTo("kernel");
        assertThat(record.error().chunk()).isEqualTo(3);
        assertThat(record.error().message()).contains("chunk 3 failed after 3 attempts", "probe failure in chunk 3");
        assertThat(record.chunks().retried()).isEqualTo(2);
        assertThat(record.chunks().failed()).isEqualTo(1);
    }

    @Test
    void timeoutFailsTheJobAndStopsItsChunks() throws Exception {
        long start = System.nanoTime();
        JobRecord record = run(probe(Map.of("action", "spin", "millis", 600_000L), 4, 1, "PT0.3S", 1));
        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.error().reason()).isEqualTo("timeout");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void cancelledJobEndsCancelledWithinOneSecond() throws Exception {
        JobRun job = scheduler.submit(probe(Map.of("action", "spin", "millis", 600_000L), 4, 1, null, 1), JobListener.NONE);
        assertThat(ProbeBoard.awaitStarted(1, Duration.ofSeconds(10))).as("a chunk started within 10 s").isTrue();
        long start = System.nanoTime();
        job.cancel();
        JobRecord record = job.completion().get(5, TimeUnit.SECONDS);
        assertThat(record.state()).isEqualTo(JobState.CANCELLED);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        assertThat(scheduler.find(job.id())).isPresent();
    }

    @Test
    void askingForMoreNodesThanExistRunsOnThoseThereAreWithAWarning() throws Exception {
        JobRecord record = run(probe(Map.of("action", "state"), 4, 1, null, 3));
        assertThat(record.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.warnings()).singleElement().asString().contains("asked for 3 nodes but only 1 exists");
    }

    @Test
    void progressIsReportedForEveryChunk() throws Exception {
        java.util.concurrent.CountDownLatch reports = new java.util.concurrent.CountDownLatch(12);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        JobRun job = scheduler.submit(probe(Map.of("action", "state"), 12, 1, null, 1), new JobListener() {
            @Override
            public void progress(JobProgress progress) {
                calls.incrementAndGet();
                assertThat(progress.total()).isEqualTo(12);
                reports.countDown();
            }
        });
        assertThat(job.completion().get(30, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        // Each chunk's report is sent after the job's lock is let go, so the last one may arrive just after the end.
        assertThat(reports.await(10, TimeUnit.SECONDS)).as("a progress report for each of the 12 chunks").isTrue();
        assertThat(calls.get()).isEqualTo(12);
    }
}
