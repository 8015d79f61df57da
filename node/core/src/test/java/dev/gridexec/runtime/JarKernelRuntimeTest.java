package dev.gridexec.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.TestJars;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A kernel from a jar on one node: slots each define its classes anew, threads share one loader across jobs. */
@Timeout(60)
class JarKernelRuntimeTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final KernelResolver kernels = new KernelResolver(KernelCatalog.builtIn(), new ArtifactCache(store));
    private final String sha = Artifacts.store(store, TestJars.testKernels()).artifact().sha256();
    private final NodeRuntime node = new NodeRuntime("test-node", kernels, RuntimeSettings.of(4));

    @AfterEach
    void close() {
        node.close();
        kernels.close();
    }

    private Task task(Mode mode, int workers) {
        return new Task(null, TestJars.PACKAGE + ".TokenKernel", Map.of("millis", 20L), 1, mode, workers, 1, 1, 5, 0, null, 1, sha);
    }

    /** Runs {@code chunks} chunks in one session and returns the distinct static tokens they saw. */
    private Set<Long> tokens(Mode mode, int workers, int chunks) throws Exception {
        Set<Long> tokens = new HashSet<>();
        try (JobSession session = node.open("job-" + mode, task(mode, workers))) {
            Class<?> sliceType = session.inputType();
            List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < chunks; i++) {
                futures.add(session.submit(i, sliceType.getDeclaredConstructors()[0].newInstance(i)));
            }
            for (CompletableFuture<ChunkOutcome> future : futures) {
                ChunkOutcome outcome = future.get(30, TimeUnit.SECONDS);
                assertThat(outcome).isInstanceOf(ChunkOutcome.Done.class);
                Object token = ((ChunkOutcome.Done) outcome).output();
                RecordComponent tokenField = token.getClass().getRecordComponents()[1];
                tokens.add((Long) tokenField.getAccessor().invoke(token));
                assertThat(session.codec().encode(token)).isNotEmpty();
            }
        }
        return tokens;
    }

    @Test
    void eachSlotHasItsOwnStaticsOfAJarKernel() throws Exception {
        assertThat(tokens(Mode.SLOTS, 3, 12)).hasSize(3);
    }

    @Test
    void threadsAndGilJobsShareTheProcesssLoaderOfTheArtifact() throws Exception {
        Set<Long> threads = tokens(Mode.THREADS, 3, 6);
        Set<Long> gil = tokens(Mode.GIL, 2, 4);
        assertThat(threads).hasSize(1);
        assertThat(gil).isEqualTo(threads);
    }

    @Test
    void aClosedSessionReleasesTheArtifactOnceItsThreadsHaveStopped() throws Exception {
        JobSession session = node.open("job-release", task(Mode.SLOTS, 2));
        assertThat(kernels.artifacts().inUse()).isEqualTo(1);
        session.close();
        session.stopped().get(10, TimeUnit.SECONDS);
        assertThat(kernels.artifacts().inUse()).isZero();
    }
}
