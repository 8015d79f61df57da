package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.scheduler.KernelCheck;
import dev.gridexec.task.Mode;
import dev.gridexec.task.Task;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link NodeKernels} with no node to ask. */
@Timeout(60)
class NodeKernelsTest {

    @Test
    void aJarKernelWithNoNodeToCheckItIsUnavailableAtOnceAndABuiltInPasses() throws Exception {
        try (TestCluster cluster = new TestCluster(KernelCatalog.builtIn(), 0)) {
            NodeKernels kernels = new NodeKernels(cluster.coordinator, new ClusterMembers(cluster.coordinator, cluster.kernels),
                    cluster.kernels, Duration.ofSeconds(10));
            Task jar = new Task(null, "Anything", Map.of(), 2, Mode.THREADS, 1, 1, 1, 5, 0, null, 1, "a".repeat(64));
            Task builtIn = new Task(null, "pi", Map.of(), 2, Mode.THREADS, 1, 1, 1, 5, 0, null, 1);

            KernelCheck unchecked = kernels.check(jar).get(5, TimeUnit.SECONDS);
            KernelCheck passed = kernels.check(builtIn).get(5, TimeUnit.SECONDS);

            assertThat(unchecked.unavailable()).isEqualTo("no node is in the cluster to run the kernel's params");
            assertThat(unchecked.problems()).isEmpty();
            assertThat(passed.task()).isSameAs(builtIn);
        }
    }
}
