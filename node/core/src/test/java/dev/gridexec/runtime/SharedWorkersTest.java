package dev.gridexec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.Mode;
import dev.gridexec.testkernels.ProbeKernel;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node's workers are its capacity, made once and shared by every job in turn. */
@Timeout(60)
class SharedWorkersTest {

    private static final Mode[] MODES = {Mode.THREADS, Mode.SLOTS, Mode.GIL};

    @BeforeEach
    void resetBoard() {
        ProbeBoard.reset();
    }

    @Test
    void capacityIsNeverExceededUnderFiftyConcurrentJobs() throws Exception {
        try (NodeRuntime node = node(2)) {
            List<JobSession> sessions = new ArrayList<>();
            List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
            for (int job = 0; job < 50; job++) {
                Mode mode = MODES[job % MODES.length];
                JobSession session = node.open("job-" + job, Probes.task(mode, 2 + job % 3, 1, gate()));
                sessions.add(session);
                for (int i = 0; i < 3; i++) {
                    futures.add(session.submit(i, new ProbeKernel.Input(i)));
                }
            }
            assertThat(ProbeBoard.ENTERED.tryAcquire(2, 10, TimeUnit.SECONDS)).as("two chunks at the gate").isTrue();
            assertThat(node.load().busyWorkers()).isEqualTo(2);
            assertThat(ProbeBoard.ENTERED.tryAcquire(1, 200, TimeUnit.MILLISECONDS))
                    .as("a third chunk running while the capacity is 2").isFalse();
            ProbeBoard.gate().countDown();
            for (CompletableFuture<ChunkOutcome> future : futures) {
                assertThat(future.get(30, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Done.class);
            }
            sessions.forEach(JobSession::close);
            assertThat(ProbeBoard.MAX_ACTIVE.get()).as("chunks running at once").isEqualTo(2);
            assertThat(node.workerThreads()).isEqualTo(2);
        }
    }

    @Test
    void jobsTakeTurnsOnTheNodesWorkers() throws Exception {
        try (NodeRuntime node = node(1);
             JobSession first = node.open("job-first", Probes.task(Mode.THREADS, 1, 1, gate()));
             JobSession second = node.open("job-second", Probes.task(Mode.THREADS, 1, 1, gate()))) {
            AtomicInteger finished = new AtomicInteger();
            List<CompletableFuture<Integer>> firstOrder = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                firstOrder.add(first.submit(i, new ProbeKernel.Input(i)).thenApply(o -> finished.incrementAndGet()));
            }
            // The node's one worker holds the first job's first chunk at the gate while the second job queues behind
            // the other nineteen: without turns it would wait for all twenty.
            assertThat(ProbeBoard.ENTERED.tryAcquire(1, 10, TimeUnit.SECONDS)).as("the first chunk at the gate").isTrue();
            List<CompletableFuture<Integer>> secondOrder = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                secondOrder.add(second.submit(i, new ProbeKernel.Input(i)).thenApply(o -> finished.incrementAndGet()));
            }
            ProbeBoard.gate().countDown();
            int lastOfSecond = secondOrder.get(1).get(30, TimeUnit.SECONDS);
            firstOrder.get(19).get(30, TimeUnit.SECONDS);
            assertThat(lastOfSecond).as("position at which the second job's last chunk ended (of 22)").isLessThanOrEqualTo(5);
        }
    }

    @Test
    void aJobAskingForMoreWorkersThanTheNodeHasRunsWithTheCapacity() throws Exception {
        try (NodeRuntime node = node(2);
             JobSession session = node.open("job-big", Probes.task(Mode.SLOTS, 6, 2, Map.of()))) {
            assertThat(session.threads()).isEqualTo(2);
            assertThat(session.startup().slotNanos()).as("slots leased").hasSize(2);
        }
    }

    @Test
    void liveThreadsGrowByAtMostSixWhileTenTwoWorkerJobsRunAtOnceOnATwoWorkerNode() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (NodeRuntime node = node(2)) {
            Probes.assertAllDone(runOnce(node, Mode.THREADS));
            Probes.assertAllDone(runOnce(node, Mode.SLOTS));
            int before = threads.getThreadCount();

            List<JobSession> sessions = new ArrayList<>();
            List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
            for (int job = 0; job < 10; job++) {
                JobSession session = node.open("job-" + job, Probes.task(job % 2 == 0 ? Mode.THREADS : Mode.SLOTS, 2, 1, gate()));
                sessions.add(session);
                for (int i = 0; i < 4; i++) {
                    futures.add(session.submit(i, new ProbeKernel.Input(i)));
                }
            }
            assertThat(ProbeBoard.ENTERED.tryAcquire(2, 10, TimeUnit.SECONDS)).isTrue();
            int during = threads.getThreadCount();
            ProbeBoard.gate().countDown();
            for (CompletableFuture<ChunkOutcome> future : futures) {
                assertThat(future.get(30, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Done.class);
            }
            sessions.forEach(JobSession::close);
            assertThat(during - before).as("live threads added while ten jobs run").isLessThanOrEqualTo(6);
        }
    }

    private static List<ChunkOutcome> runOnce(NodeRuntime node, Mode mode) throws Exception {
        try (JobSession session = node.open("warm-" + mode, Probes.task(mode, 2, 1, Map.of()))) {
            List<ChunkOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(session.submit(i, new ProbeKernel.Input(i)).get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        }
    }

    private static Map<String, Object> gate() {
        return Map.of("action", "gate", "millis", 20_000L);
    }

    private static NodeRuntime node(int workers) {
        return new NodeRuntime("test-node", dev.gridexec.catalog.KernelResolver.withoutArtifacts(Probes.CATALOG),
                new RuntimeSettings(workers, 16, Duration.ofMinutes(5)));
    }
}
