package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.node.NodeProcess;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.TestJars;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Kernels from a jar on a real in-JVM cluster: a coordinator's lite member and two nodes that run jar kernels in
 * their own process ({@code sandbox: off}), so that the nodes' slots and loaders are the ones these tests look at.
 * SandboxClusterTest runs them in child processes, the nodes' default.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JarKernelClusterTest {

    private TestCluster cluster;
    private String sha;

    @BeforeAll
    void start() throws Exception {
        cluster = new TestCluster(KernelCatalog.builtIn(), 2, Optional.empty(), false);
        HazelcastArtifactStore store = new HazelcastArtifactStore(() -> cluster.coordinator);
        sha = Artifacts.store(store, TestJars.testKernels()).artifact().sha256();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private JobRecord run(String kernel, Mode mode, long millis) throws Exception {
        Task task = new Task(null, TestJars.PACKAGE + "." + kernel, Map.of("millis", millis), 16, mode, 2, 2, 1, 5, 0, null, 3, sha);
        return cluster.scheduler.submit(task, JobListener.NONE).completion().get(60, TimeUnit.SECONDS);
    }

    @Test
    void theJarIsKeptWithABackupAndFetchedByEachNodeOnFirstUse() throws Exception {
        assertThat(cluster.nodes.get(0).hazelcast().getConfig().getMapConfig(ClusterConfigs.ARTIFACTS_MAP).getBackupCount())
                .isEqualTo(1);
        JobRecord record = run("TokenKernel", Mode.THREADS, 5);
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        for (NodeProcess node : cluster.nodes) {
            assertThat(node.kernels().artifacts().size()).as("artifacts loaded on %s", node.hazelcast().getName()).isEqualTo(1);
        }
        assertThat(cluster.kernels.artifacts().size()).as("the coordinator splits and reduces on a node: it loads no jar").isZero();
    }

    @Test
    void aSlotsJobOfAJarKernelRunsOnBothNodesWithEachSlotOnItsOwnStatics() throws Exception {
        JobRecord slots = run("TokenKernel", Mode.SLOTS, 20);
        JobRecord threads = run("TokenKernel", Mode.THREADS, 20);

        assertThat(slots.state()).as(String.valueOf(slots.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(slots.placement()).extracting(Placement::node).containsExactlyInAnyOrder("node-0", "node-1");
        assertThat(slots.result().get("chunks").asInt()).isEqualTo(16);
        assertThat(slots.result().get("distinct").asInt()).as("2 nodes x 2 slots, each its own class").isEqualTo(4);
        assertThat(threads.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(threads.result().get("distinct").asInt()).as("one loader per node process").isEqualTo(2);
    }

    @Test
    void nodesShowTheirCapacityAndTheWarmSlotsOfTheJarKernel() throws Exception {
        JobRecord slots = run("TokenKernel", Mode.SLOTS, 0);
        assertThat(slots.state()).as(String.valueOf(slots.error())).isEqualTo(JobState.SUCCEEDED);
        Set<String> ran = slots.placement().stream().map(Placement::node).collect(Collectors.toSet());

        List<NodeInfo> nodes = new ClusterMembers(cluster.coordinator, cluster.kernels).describe(name -> 0);

        assertThat(nodes).hasSize(2).allSatisfy(node -> {
            assertThat(node.capacity()).isEqualTo(2);
            assertThat(node.busyWorkers()).as("live load answered").isNotNegative();
        });
        assertThat(nodes).filteredOn(node -> ran.contains(node.name())).isNotEmpty().allSatisfy(node ->
                assertThat(node.warmSlots()).containsEntry(sha + "/" + TestJars.PACKAGE + ".TokenKernel", 2));
    }

    @Test
    void aKernelThatThrowsInSplitOrReduceFailsItsJobAndTheNodesGoOn() throws Exception {
        JobRecord split = run("SplitFails", Mode.SLOTS, 0);
        JobRecord reduce = run("ReduceFails", Mode.SLOTS, 0);
        JobRecord next = run("TokenKernel", Mode.SLOTS, 0);

        assertThat(split.state()).isEqualTo(JobState.FAILED);
        assertThat(split.error().reason()).isEqualTo("kernel");
        assertThat(split.error().message()).startsWith("split failed: java.lang.IllegalStateException: split refuses");
        assertThat(reduce.state()).isEqualTo(JobState.FAILED);
        assertThat(reduce.error().message()).startsWith("reduce failed: java.lang.ArithmeticException: reduce refuses");
        assertThat(next.state()).as(String.valueOf(next.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(next.placement()).extracting(Placement::node).containsExactlyInAnyOrder("node-0", "node-1");
    }
}
