package dev.gridexec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.ProbeKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the probe kernel's chunks straight on a node runtime, without a scheduler. */
final class Probes {

    static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);
    /** A capacity above every probe task's worker count, so that what a test sees is the model's own concurrency. */
    static final int CAPACITY = 8;

    private Probes() {
    }

    static Task task(Mode mode, int workers, int threadsPerSlot, Map<String, Object> params) {
        return new Task(null, "probe", params, 1, mode, workers, 1, threadsPerSlot, 5, 0, null, 1);
    }

    /** A node of {@link #CAPACITY} workers that runs the probe kernel. */
    static NodeRuntime node() {
        return new NodeRuntime("test-node", KernelResolver.withoutArtifacts(CATALOG), RuntimeSettings.of(CAPACITY));
    }

    /** Opens the task on a fresh node, runs {@code chunks} chunks, and returns their outcomes in chunk order. */
    static List<ChunkOutcome> run(Task task, int chunks) throws Exception {
        try (NodeRuntime node = node(); JobSession session = node.open("job-test", task)) {
            List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                futures.add(session.submit(i, new ProbeKernel.Input(i)));
            }
            List<ChunkOutcome> outcomes = new ArrayList<>();
            for (CompletableFuture<ChunkOutcome> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        }
    }

    static void assertAllDone(List<ChunkOutcome> outcomes) {
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(ChunkOutcome.Done.class));
    }
}
