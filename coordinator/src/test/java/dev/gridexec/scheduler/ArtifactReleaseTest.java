package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.ArtifactLease;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.task.TaskReader;
import dev.gridexec.testkernels.TestJars;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 200 distinct jars, each validated, split, run on a node (threads and slots in turn), reduced and released,
 * through the same code paths as the API: the cache never holds more than its 32 idle artifacts, and the
 * loaders of the evicted ones are collected (weak references cleared, their classes unloaded).
 */
@Timeout(120)
class ArtifactReleaseTest {

    private static final int ARTIFACTS = 200;
    private static final int KEPT = ArtifactCache.DEFAULT_MAX_IDLE;

    @Test
    void loadersOfReleasedArtifactsAreCollectedAndTheCacheStaysBounded() throws Exception {
        InMemoryArtifactStore store = new InMemoryArtifactStore();
        ArtifactCache cache = new ArtifactCache(store);
        KernelResolver kernels = new KernelResolver(KernelCatalog.builtIn(), cache);
        Scheduler scheduler = new Scheduler(kernels, List.of(new LocalMember(new NodeRuntime("local-0", kernels))));
        TaskReader reader = new TaskReader(kernels, TaskDefaults.builtIn(1, 1));
        ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();
        long unloadedBefore = classLoading.getUnloadedClassCount();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        try {
            for (int i = 0; i < ARTIFACTS; i++) {
                byte[] jar = TestJars.testKernels(Map.of("id.txt", Integer.toString(i).getBytes(StandardCharsets.UTF_8)));
                String sha = Artifacts.store(store, jar).artifact().sha256();
                Task task = reader.read("{\"kernel\":\"TokenKernel\",\"artifact\":\"" + sha + "\",\"chunks\":2,\"workers\":1,"
                        + "\"mode\":\"" + (i % 2 == 0 ? "threads" : "slots") + "\"}");
                try (ArtifactLease lease = cache.lease(sha)) {
                    loaders.add(new WeakReference<>(lease.loader()));
                }
                JobRecord record = scheduler.submit(task, JobListener.NONE).completion().get(30, TimeUnit.SECONDS);
                assertThat(record.state()).as("job %d: %s", i, record.error()).isEqualTo(JobState.SUCCEEDED);
                awaitNoLeases(cache);
                assertThat(cache.size()).as("artifacts loaded after job %d", i).isLessThanOrEqualTo(KEPT);
            }
            assertThat(cache.filesOnDisk()).as("jar files left on disk").isEqualTo(KEPT);

            List<WeakReference<ClassLoader>> evicted = loaders.subList(0, ARTIFACTS - KEPT);
            awaitCollected(evicted);
            assertThat(evicted).as("loaders of evicted artifacts").allSatisfy(ref -> assertThat(ref.get()).isNull());
            assertThat(loaders.subList(ARTIFACTS - KEPT, ARTIFACTS)).as("loaders the cache keeps")
                    .allSatisfy(ref -> assertThat(ref.get()).isNotNull());
            // Each evicted shared loader had defined TokenKernel and its records (4 or more classes).
            assertThat(classLoading.getUnloadedClassCount() - unloadedBefore).as("classes unloaded")
                    .isGreaterThanOrEqualTo(4L * (ARTIFACTS - KEPT));
        } finally {
            scheduler.close();
            kernels.close();
        }
        assertThat(cache.filesOnDisk()).isZero();
    }

    /** A node's session lets go of its artifact once its worker threads have stopped, just after the job ends. */
    private static void awaitNoLeases(ArtifactCache cache) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cache.inUse() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // poll interval, not synchronisation
        }
        assertThat(cache.inUse()).as("artifacts still leased 10 s after their job ended").isZero();
    }

    /** Full collections (bounded) until every reference is cleared. */
    private static void awaitCollected(List<WeakReference<ClassLoader>> refs) {
        for (int round = 0; round < 50 && refs.stream().anyMatch(ref -> ref.get() != null); round++) {
            System.gc();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
