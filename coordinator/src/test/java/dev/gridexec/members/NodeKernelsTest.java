package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.KernelCall;
import dev.gridexec.wire.TaskCodec;
import dev.gridexec.testkernels.TestJars;
import dev.gridexec.trust.ClusterSecret;
import dev.gridexec.trust.Seal;
import java.util.concurrent.ExecutionException;
import dev.gridexec.scheduler.KernelCheck;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void withAClusterSecretASignedCheckRunsOnTheNodeAndAnUnsignedCallIsRefused() throws Exception {
        try (TestCluster cluster = TestCluster.withSecret(KernelCatalog.builtIn(), 1, ClusterSecret.of("cd".repeat(32)))) {
            String sha = Artifacts.store(new HazelcastArtifactStore(() -> cluster.coordinator), TestJars.testKernels()).artifact().sha256();
            NodeKernels kernels = new NodeKernels(cluster.coordinator, new ClusterMembers(cluster.coordinator, cluster.kernels),
                    cluster.kernels, Duration.ofSeconds(10));
            Task task = new Task(null, "TokenKernel", Map.of(), 2, Mode.THREADS, 1, 1, 1, 5, 0, null, 1, sha);

            KernelCheck signed = kernels.check(task).get(30, TimeUnit.SECONDS);

            assertThat(signed.problems()).isEmpty();
            assertThat(signed.task().kernel()).isEqualTo(TestJars.PACKAGE + ".TokenKernel");
            assertThatThrownBy(() -> cluster.coordinator.getExecutorService(ClusterConfigs.KERNEL_CALL_EXECUTOR)
                    .submitToMember(KernelCall.check(Seal.none(), TaskCodec.encode(task), Duration.ofSeconds(10)),
                            cluster.nodes.get(0).hazelcast().getCluster().getLocalMember()).get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("not signed with the cluster secret");
        }
    }
}
