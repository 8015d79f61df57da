package dev.gridexec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.Mode;
import dev.gridexec.testkernels.ProbeKernel;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class ExecutionModelTest {

    @BeforeEach
    void resetBoard() {
        ProbeBoard.reset();
    }

    @Test
    void eachSlotHasItsOwnStaticState() throws Exception {
        Probes.assertAllDone(Probes.run(Probes.task(Mode.SLOTS, 3, 1, Map.of("action", "state")), 30));
        assertThat(ProbeBoard.STATES).hasSize(3);
    }

    @Test
    void freeThreadsShareOneStaticState() throws Exception {
        Probes.assertAllDone(Probes.run(Probes.task(Mode.THREADS, 3, 1, Map.of("action", "state")), 30));
        assertThat(ProbeBoard.STATES).hasSize(1);
    }

    @Test
    void slotStaticStateIsNotTheSharedClassState() throws Exception {
        Probes.assertAllDone(Probes.run(Probes.task(Mode.THREADS, 1, 1, Map.of("action", "state")), 1));
        Probes.assertAllDone(Probes.run(Probes.task(Mode.SLOTS, 1, 1, Map.of("action", "state")), 1));
        assertThat(ProbeBoard.STATES).hasSize(2);
    }

    @ParameterizedTest(name = "{0} with {1} workers x {2} threads per slot runs {3} chunks at once")
    @CsvSource({
            "GIL, 3, 1, 1",
            "THREADS, 3, 1, 3",
            "SLOTS, 3, 1, 3",
            "SLOTS, 1, 3, 1",
            "SLOTS, 2, 2, 2"})
    void maxChunksRunningAtOnceIsTheModelsConcurrency(Mode mode, int workers, int threadsPerSlot, int expected)
            throws Exception {
        int threads = workers * threadsPerSlot;
        Probes.assertAllDone(Probes.run(
                Probes.task(mode, workers, threadsPerSlot, Map.of("action", "hold", "windows", 30L)), threads * 2));
        assertThat(ProbeBoard.MAX_ACTIVE.get()).as("max chunks observed running at once").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: blocking sections release the lock")
    @CsvSource({"GIL, 4, 1", "SLOTS, 1, 4"})
    void blockingSectionsReleaseTheLock(Mode mode, int workers, int threadsPerSlot) throws Exception {
        Probes.assertAllDone(Probes.run(
                Probes.task(mode, workers, threadsPerSlot, Map.of("action", "wait", "millis", 200L)), 4));
        assertThat(ProbeBoard.MAX_WAITING.get()).as("chunks waiting at once").isEqualTo(4);
    }

    @Test
    void gilHandsTheLockOverAtCheckpointsAfterTheSwitchInterval() throws Exception {
        // Two CPU-bound chunks of 300 ms under one gil with 2 workers: with a 5 ms switch interval the
        // second starts long before the first ends, and the lock changes hands many times.
        NodeRuntime node = Probes.node();
        try (JobSession session = node.open("job-gil", Probes.task(Mode.GIL, 2, 1, Map.of("action", "spin", "millis", 300L)))) {
            CompletableFuture<ChunkOutcome> first = session.submit(0, new ProbeKernel.Input(0));
            CompletableFuture<ChunkOutcome> second = session.submit(1, new ProbeKernel.Input(1));
            assertThat(CompletableFuture.anyOf(first, second).get(30, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Done.class);
            // When the first of the two finishes, the other has already started (both were interleaved).
            assertThat(ProbeBoard.STARTED.get()).isEqualTo(2);
            assertThat(second.get(30, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Done.class);
            assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Done.class);
        }
    }

    @ParameterizedTest(name = "{0}: a cancelled CPU-bound chunk stops within 1 s")
    @CsvSource({"THREADS", "SLOTS", "GIL"})
    void cancelledSpinningChunkStopsWithinOneSecond(Mode mode) throws Throwable {
        assertCancelStopsWithinOneSecond(mode, "spin", 2, () -> awaitStarted(mode == Mode.GIL ? 1 : 2));
    }

    @ParameterizedTest(name = "{0}: a cancelled wait stops within 1 s")
    @CsvSource({"THREADS", "SLOTS", "GIL"})
    void cancelledBlockingWaitStopsWithinOneSecond(Mode mode) throws Throwable {
        assertCancelStopsWithinOneSecond(mode, "wait", 1,
                () -> assertThat(ProbeBoard.awaitWaiting(1, java.time.Duration.ofSeconds(10))).as("the chunk entered its wait within 10 s").isTrue());
    }

    @ParameterizedTest(name = "{0}: a throwing kernel fails its chunk with what and where")
    @CsvSource({"THREADS", "SLOTS", "GIL"})
    void kernelExceptionFailsOnlyItsChunk(Mode mode) throws Exception {
        List<ChunkOutcome> outcomes = Probes.run(Probes.task(mode, 2, 1, Map.of("action", "throw", "failChunk", 1L)), 3);
        assertThat(outcomes.get(0)).isInstanceOf(ChunkOutcome.Done.class);
        assertThat(outcomes.get(2)).isInstanceOf(ChunkOutcome.Done.class);
        assertThat(outcomes.get(1)).isInstanceOfSatisfying(ChunkOutcome.Failed.class, failed -> {
            assertThat(failed.message()).startsWith("java.lang.IllegalStateException: probe failure in chunk 1 (at dev.gridexec.testkernels.ProbeKernel.act(ProbeKernel.java:");
            assertThat(failed.fatal()).isFalse();
        });
    }

    @Test
    void slotThatThrewAnErrorIsReplacedWhileAWarmOneIsKept() throws Exception {
        // One slot at a time, kept warm across jobs of one kernel: its static state shows which slot ran a chunk.
        NodeRuntime node = Probes.node();
        runStateChunk(node, "job-state-1");
        runStateChunk(node, "job-state-2");
        assertThat(ProbeBoard.STATES).as("a warm slot serves the next job").hasSize(1);
        JobSession failing = node.open("job-error", Probes.task(Mode.SLOTS, 1, 1, Map.of("action", "error", "failChunk", 0L)));
        assertThat(failing.submit(0, new ProbeKernel.Input(0)).get(30, TimeUnit.SECONDS))
                .isInstanceOfSatisfying(ChunkOutcome.Failed.class, failed -> assertThat(failed.fatal()).isTrue());
        failing.close();
        failing.stopped().get(10, TimeUnit.SECONDS);
        runStateChunk(node, "job-state-3");
        assertThat(ProbeBoard.STATES).as("the slot an Error went through is not used again").hasSize(2);
    }

    /** Runs one chunk that records its slot's static state, and waits until the session has given its slot back. */
    private static void runStateChunk(NodeRuntime node, String job) throws Exception {
        JobSession session = node.open(job, Probes.task(Mode.SLOTS, 1, 1, Map.of("action", "state")));
        assertThat(session.submit(0, new ProbeKernel.Input(0)).get(30, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Done.class);
        session.close();
        session.stopped().get(10, TimeUnit.SECONDS);
    }

    @Test
    void slotsReportTheirStartUp() throws Exception {
        NodeRuntime node = Probes.node();
        try (JobSession session = node.open("job-startup", Probes.task(Mode.SLOTS, 3, 2, Map.of()))) {
            assertThat(session.threads()).isEqualTo(6);
            assertThat(session.startup().slotNanos()).hasSize(3).allSatisfy(n -> assertThat(n).isPositive());
            assertThat(session.startup().totalNanos()).isGreaterThanOrEqualTo(session.startup().slotNanos().get(0));
        }
    }

    @Test
    void chunksQueuedWhenTheSessionClosesCompleteAsCancelled() throws Exception {
        NodeRuntime node = Probes.node();
        CompletableFuture<ChunkOutcome> queued;
        try (JobSession session = node.open("job-close", Probes.task(Mode.THREADS, 1, 1, Map.of("action", "spin", "millis", 600_000L)))) {
            session.submit(0, new ProbeKernel.Input(0));
            queued = session.submit(1, new ProbeKernel.Input(1));
        }
        assertThat(queued.get(5, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Cancelled.class);
    }

    /**
     * Opens a job of {@code chunks} probe chunks that each {@code action} for ten minutes, waits for {@code running} to see
     * them run, cancels the job and asserts that every chunk ends Cancelled within 1 s of the cancel.
     */
    private static void assertCancelStopsWithinOneSecond(Mode mode, String action, int chunks, Executable running) throws Throwable {
        NodeRuntime node = Probes.node();
        try (JobSession session = node.open("job-cancel-" + action, Probes.task(mode, chunks, 1, Map.of("action", action, "millis", 600_000L)))) {
            List<CompletableFuture<ChunkOutcome>> submitted = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                submitted.add(session.submit(i, new ProbeKernel.Input(i)));
            }
            running.execute();
            long start = System.nanoTime();
            session.cancel();
            for (CompletableFuture<ChunkOutcome> chunk : submitted) {
                assertThat(chunk.get(5, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Cancelled.class);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        }
    }

    private static void awaitStarted(int chunks) throws InterruptedException {
        assertThat(ProbeBoard.awaitStarted(chunks, java.time.Duration.ofSeconds(10))).as("%d chunks started within 10 s", chunks).isTrue();
    }
}
