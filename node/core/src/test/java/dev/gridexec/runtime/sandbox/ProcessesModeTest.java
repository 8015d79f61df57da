package dev.gridexec.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.kernels.PrimesKernel;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code processes}: a built-in kernel in warm child processes of the node, one chunk at a time each. */
@Timeout(90)
class ProcessesModeTest {

    private final KernelResolver kernels = KernelResolver.withoutArtifacts(KernelCatalog.builtIn());
    private final NodeRuntime node = new NodeRuntime("processes-test", kernels, RuntimeSettings.of(2));

    @AfterEach
    void stopEveryChild() throws Exception {
        StopChildren.closeAndAwait(node, kernels);
    }

    private List<Object> counts(Mode mode, boolean encoded) throws Exception {
        Task task = new Task(null, "primes", Map.of("limit", 200_000L), 6, mode, 2, 1, 1, 5, 0, null, 1);
        List<Object> outputs = new ArrayList<>();
        try (JobSession session = node.open("job-" + mode, task)) {
            List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                PrimesKernel.Range range = new PrimesKernel.Range(2 + i * 33_333L, 2 + (i + 1) * 33_333L);
                futures.add(encoded ? session.submitEncoded(i, session.codec().encode(range)) : session.submit(i, range));
            }
            for (CompletableFuture<ChunkOutcome> future : futures) {
                ChunkOutcome outcome = future.get(60, TimeUnit.SECONDS);
                assertThat(outcome).isInstanceOf(ChunkOutcome.Done.class);
                Object output = ((ChunkOutcome.Done) outcome).output();
                outputs.add(encoded ? session.codec().decode((byte[]) output, PrimesKernel.Count.class) : output);
            }
            session.close();
            session.stopped().get(10, TimeUnit.SECONDS); // the workers are back in the pool
        }
        return outputs;
    }

    @Test
    void processesComputeExactlyWhatThreadsCompute() throws Exception {
        List<Object> threads = counts(Mode.THREADS, false);
        assertThat(counts(Mode.PROCESSES, false)).isEqualTo(threads);
        assertThat(counts(Mode.PROCESSES, true)).isEqualTo(threads);
        assertThat(node.children().warm()).as("the pool keeps its workers warm").isEqualTo(2);
    }

    @Test
    void workersOfAJobWithIsolationJobAreDestroyedWhenItEnds() throws Exception {
        Task task = new Task(null, "primes", Map.of("limit", 1000L), 2, Mode.PROCESSES, 2, 1, 1, 5, 0, null, 1, null, 0,
                Isolation.JOB);
        JobSession session = node.open("job-isolated", task);
        List<ProcessHandle> workers = node.children().processes();
        assertThat(workers).hasSize(2);
        assertThat(session.submit(0, new PrimesKernel.Range(2, 500)).get(60, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Done.class);
        session.close();
        session.stopped().get(10, TimeUnit.SECONDS);
        for (ProcessHandle worker : workers) {
            worker.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(node.children().warm()).isZero();
    }
}
