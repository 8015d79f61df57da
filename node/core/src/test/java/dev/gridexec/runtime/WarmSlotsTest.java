package dev.gridexec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.task.Isolation;
import dev.gridexec.task.Mode;
import dev.gridexec.task.Task;
import dev.gridexec.testkernels.CountingKernel;
import dev.gridexec.testkernels.WarmingKernel;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Slots pooled per kernel on a node: leased warm by later jobs, fresh on request, isolated from each other, evicted. */
@Timeout(60)
class WarmSlotsTest {

    private static final KernelCatalog CATALOG = Probes.CATALOG.with("counting", CountingKernel.class)
            .with("warming", WarmingKernel.class);

    private NodeRuntime node;

    @BeforeEach
    void start() {
        ProbeBoard.reset();
        node = node(new RuntimeSettings(4, 16, Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void aSecondSlotsJobOfTheSameKernelReusesTheWarmSlotsInstance() throws Exception {
        List<CountingKernel.Output> first = run(node, "job-1", task(1, Isolation.KERNEL), 3);
        assertThat(node.slots().warmSlots()).containsEntry("counting", 1);
        List<CountingKernel.Output> second = run(node, "job-2", task(1, Isolation.KERNEL), 3);

        assertThat(first).extracting(CountingKernel.Output::instances).containsOnly(1);
        assertThat(second).as("the warm slot's loader made no second instance")
                .extracting(CountingKernel.Output::instances).containsOnly(1);
        assertThat(second).extracting(CountingKernel.Output::state).containsOnly(first.get(0).state());
        assertThat(slotLoaders()).as("slot loaders made").hasSize(1);
    }

    @Test
    void aNodeMakesTheFirstSlotOfAWarmUpKernelBeforeAnyJobAndTheFirstJobLeasesIt() throws Exception {
        assertThat(node.prewarm().get(30, TimeUnit.SECONDS)).as("kernels that got a slot ahead of their jobs")
                .containsExactly("warming");
        assertThat(node.slots().warmSlots()).as("only kernels that warm up get one").containsOnlyKeys("warming")
                .containsEntry("warming", 1);
        assertThat(ProbeBoard.WARM_UPS.get()).isEqualTo(1);

        List<CountingKernel.Output> outputs = run(node, "job-1", warmingTask(), 3);
        assertThat(outputs).as("the job's slot had made one instance: the one warmed up")
                .extracting(CountingKernel.Output::instances).containsOnly(1);
        assertThat(node.slots().warmSlots()).as("the job leased the warm slot, it made none").containsEntry("warming", 1);
        assertThat(node.prewarm().get(30, TimeUnit.SECONDS)).as("a kernel that has a slot gets no second").isEmpty();
        assertThat(ProbeBoard.WARM_UPS.get()).isEqualTo(1);
    }

    @Test
    void aKernelThatFailsToWarmUpGetsNoSlotAndItsFirstJobStillRuns() throws Exception {
        ProbeBoard.failWarmUp = true;
        assertThat(node.prewarm().get(30, TimeUnit.SECONDS)).isEmpty();
        assertThat(node.slots().warmSlots()).doesNotContainKey("warming");
        assertThat(run(node, "job-1", warmingTask(), 2)).hasSize(2);
        assertThat(node.slots().warmSlots()).as("the job's own slot, kept warm").containsEntry("warming", 1);
    }

    @Test
    void aClosingSlotClosesItsKernelWhenTheKernelHoldsResources() throws Exception {
        run(node, "job-1", new Task(null, "warming", Map.of(), 1, Mode.SLOTS, 2, 1, 1, 5, 0, null, 1, null, 0,
                Isolation.KERNEL), 4);
        assertThat(node.slots().warmSlots()).containsEntry("warming", 2);
        assertThat(ProbeBoard.KERNELS_CLOSED.get()).as("kernels closed while their slots stay warm").isZero();
        node.close();
        assertThat(ProbeBoard.KERNELS_CLOSED.get()).as("kernels closed with their slots").isEqualTo(2);
    }

    @Test
    void aKernelThatFailsToWarmUpIsClosed() throws Exception {
        ProbeBoard.failWarmUp = true;
        assertThat(node.prewarm().get(30, TimeUnit.SECONDS)).isEmpty();
        assertThat(ProbeBoard.KERNELS_CLOSED.get()).isEqualTo(1);
    }

    private static Task warmingTask() {
        return new Task(null, "warming", Map.of(), 1, Mode.SLOTS, 1, 1, 1, 5, 0, null, 1, null, 0, Isolation.KERNEL);
    }

    @Test
    void openingAJobInstantiatesItsKernelOnceOnTheNodeAndAWarmSlotNotAtAll() throws Exception {
        run(node, "job-warm-up", task(2, Isolation.KERNEL), 2);
        int before = CountingKernel.instances();
        List<CountingKernel.Output> warm = run(node, "job-slots", task(2, Isolation.KERNEL), 4);
        assertThat(CountingKernel.instances() - before).as("node-loader instances made by a warm slots job").isEqualTo(1);
        assertThat(warm).extracting(CountingKernel.Output::instances).as("instances made in each slot").containsOnly(1);

        before = CountingKernel.instances();
        Task threads = new Task(null, "counting", Map.of(), 1, Mode.THREADS, 2, 1, 1, 5, 0, null, 1);
        try (JobSession session = node.open("job-threads", threads)) {
            for (int i = 0; i < 4; i++) {
                done(session.submitEncoded(i, session.codec().encode(new CountingKernel.Input(i))));
            }
        }
        assertThat(CountingKernel.instances() - before).as("instances made by a threads job").isEqualTo(1);
    }

    @Test
    void isolationJobGetsFreshSlotsWithFreshStatics() throws Exception {
        List<CountingKernel.Output> warm = run(node, "job-1", task(1, Isolation.KERNEL), 2);
        List<CountingKernel.Output> fresh = run(node, "job-2", task(1, Isolation.JOB), 2);

        assertThat(fresh).extracting(CountingKernel.Output::instances).containsOnly(1);
        assertThat(fresh.get(0).state()).as("a fresh slot's statics").isNotEqualTo(warm.get(0).state());
        assertThat(node.slots().warmSlots()).as("the job's own slot is closed when it ends").containsEntry("counting", 1);
    }

    @Test
    void slotsOfConcurrentJobsAreNeverShared() throws Exception {
        Map<String, Set<Integer>> statesByJob = new java.util.LinkedHashMap<>();
        try (JobSession a = node.open("job-a", task(2, Isolation.KERNEL));
             JobSession b = node.open("job-b", task(2, Isolation.KERNEL))) {
            for (JobSession session : List.of(a, b)) {
                Set<Integer> states = statesByJob.computeIfAbsent(session == a ? "a" : "b", k -> new HashSet<>());
                for (int i = 0; i < 8; i++) {
                    states.add(((CountingKernel.Output) done(session.submit(i, new CountingKernel.Input(i)))).state());
                }
            }
        }
        // Which of its two slots a chunk lands in is the runtime's choice; that no slot (state) serves both jobs is not.
        assertThat(statesByJob.get("a")).as("job a's slots").hasSizeBetween(1, 2);
        assertThat(statesByJob.get("b")).as("job b's slots").hasSizeBetween(1, 2);
        assertThat(statesByJob.get("a")).as("statics seen by both jobs").doesNotContainAnyElementsOf(statesByJob.get("b"));
    }

    @Test
    void encodedInputsReachTheSlotAndComeBackEncoded() throws Exception {
        try (JobSession session = node.open("job-bytes", task(1, Isolation.KERNEL))) {
            byte[] input = session.codec().encode(new CountingKernel.Input(7));
            Object output = done(session.submitEncoded(7, input));
            assertThat(output).isInstanceOf(byte[].class);
            assertThat(session.codec().decode((byte[]) output, CountingKernel.Output.class).instances()).isEqualTo(1);
        }
    }

    @Test
    void idleSlotsBeyondTheBoundAreClosedAndTheirLoadersCollected() throws Exception {
        node.close();
        node = node(new RuntimeSettings(4, 1, Duration.ofMinutes(5)));
        run(node, "job-3-slots", task(3, Isolation.KERNEL), 6);
        assertThat(node.slots().idleSlots()).as("idle slots kept (bound 1)").isEqualTo(1);
        assertThat(node.slots().warmSlots()).containsEntry("counting", 1);

        List<WeakReference<ClassLoader>> loaders = slotLoaders();
        assertThat(loaders).hasSize(3);
        awaitCollected(loaders, 2);
        assertThat(loaders.stream().filter(ref -> ref.get() == null)).as("loaders of the two evicted slots").hasSize(2);

        node.close();
        awaitCollected(loaders, 3);
        assertThat(loaders).as("loaders once the node closed").allSatisfy(ref -> assertThat(ref.get()).isNull());
    }

    @Test
    void idleSlotsPastTheIdleTimeoutAreClosed() throws Exception {
        node.close();
        node = node(new RuntimeSettings(4, 16, Duration.ofMillis(1)));
        run(node, "job-2-slots", task(2, Isolation.KERNEL), 4);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // lets the 1 ms idle timeout pass; not synchronisation
        node.slots().evictIdle();
        assertThat(node.slots().warmSlots()).isEmpty();
        assertThat(node.slots().idleSlots()).isZero();
    }

    /** Full collections (bounded) until {@code count} of the references are cleared. */
    private static void awaitCollected(List<WeakReference<ClassLoader>> refs, int count) {
        for (int round = 0; round < 50 && refs.stream().filter(ref -> ref.get() == null).count() < count; round++) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // bounded GC rounds, not synchronisation
        }
    }

    /** The loaders slots made (not the node's own, which defines the job's shared kernel instance). */
    private static List<WeakReference<ClassLoader>> slotLoaders() {
        return ProbeBoard.LOADERS.stream().filter(ref -> ref.get() != CountingKernel.class.getClassLoader()).toList();
    }

    private static NodeRuntime node(RuntimeSettings settings) {
        return new NodeRuntime("test-node", KernelResolver.withoutArtifacts(CATALOG), settings);
    }

    private static Task task(int workers, Isolation isolation) {
        return new Task(null, "counting", Map.of(), 1, Mode.SLOTS, workers, 1, 1, 5, 0, null, 1, null, 0, isolation);
    }

    /** Runs {@code chunks} chunks of one job to the end and waits for its slots to be back in the pool. */
    private static List<CountingKernel.Output> run(NodeRuntime node, String jobId, Task task, int chunks) throws Exception {
        JobSession session = node.open(jobId, task);
        List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            futures.add(session.submit(i, new CountingKernel.Input(i)));
        }
        List<CountingKernel.Output> outputs = new ArrayList<>();
        for (CompletableFuture<ChunkOutcome> future : futures) {
            outputs.add((CountingKernel.Output) done(future));
        }
        session.close();
        session.stopped().get(10, TimeUnit.SECONDS);
        return outputs;
    }

    private static Object done(CompletableFuture<ChunkOutcome> future) throws Exception {
        ChunkOutcome outcome = future.get(30, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(ChunkOutcome.Done.class);
        return ((ChunkOutcome.Done) outcome).output();
    }
}
