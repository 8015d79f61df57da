package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.LoadQuery;
import dev.gridexec.cluster.NodeService;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.NodeLoad;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /nodes}' live part over a real cluster: each node's CPU load, heap and state (ready, draining, suspect). */
@Timeout(120)
class NodeLoadClusterTest {

    /** Holds a node's control executor (4 threads) until released, so that its load query waits past its bound. */
    private static volatile CountDownLatch release = new CountDownLatch(1);
    private static volatile CountDownLatch holding = new CountDownLatch(0);

    private TestCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new TestCluster(KernelCatalog.builtIn(), 2);
    }

    @AfterEach
    void stop() {
        release.countDown();
        cluster.close();
    }

    private List<NodeInfo> describe() {
        return new ClusterMembers(cluster.coordinator, cluster.kernels).describe(name -> 0);
    }

    @Test
    void aNodeAnswersItsLoadQueryWithItsProcessCpuLoadAndHeap() throws Exception {
        NodeLoad load = cluster.coordinator.getExecutorService(ClusterConfigs.CONTROL_EXECUTOR)
                .submitToMember(new LoadQuery(), cluster.nodes.get(0).hazelcast().getCluster().getLocalMember())
                .get(30, TimeUnit.SECONDS);

        assertThat(load.capacity()).isEqualTo(2);
        assertThat(load.cpuLoad()).isBetween(0.0, 1.0);
        assertThat(load.heapUsedBytes()).isPositive();
        assertThat(load.heapMaxBytes()).isGreaterThanOrEqualTo(load.heapUsedBytes());
        assertThat(load.draining()).isFalse();
    }

    @Test
    void answeringNodesAreReadyWithCpuAndHeapAndADrainingNodeSaysSo() throws Exception {
        assertThat(describe()).hasSize(2).allSatisfy(node -> {
            assertThat(node.state()).as(node.name()).isEqualTo(NodeInfo.State.READY);
            assertThat(node.cpuLoad()).as(node.name()).isBetween(0.0, 1.0);
            assertThat(node.heapUsedBytes()).as(node.name()).isPositive();
            assertThat(node.heapMaxBytes()).as(node.name()).isGreaterThanOrEqualTo(node.heapUsedBytes());
        });

        assertThat(NodeService.of(cluster.nodes.get(1).hazelcast()).drain(Duration.ofSeconds(10))).isTrue();

        assertThat(describe()).extracting(NodeInfo::name, NodeInfo::state).containsExactly(
                tuple("node-0", NodeInfo.State.READY),
                tuple("node-1", NodeInfo.State.DRAINING));
    }

    @Test
    void aNodeThatDoesNotAnswerWithinTheBoundIsSuspectWithItsAnnouncedCapacity() throws Exception {
        release = new CountDownLatch(1);
        holding = new CountDownLatch(4);
        List<Future<Boolean>> held = new ArrayList<>();
        var node1 = cluster.nodes.get(1).hazelcast().getCluster().getLocalMember();
        for (int i = 0; i < 4; i++) {
            held.add(cluster.coordinator.getExecutorService(ClusterConfigs.CONTROL_EXECUTOR).submitToMember(new Hold(), node1));
        }
        assertThat(holding.await(30, TimeUnit.SECONDS)).as("node-1's control threads all held").isTrue();

        long begin = System.nanoTime();
        List<NodeInfo> nodes = describe();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

        assertThat(nodes).extracting(NodeInfo::name, NodeInfo::state).containsExactly(
                tuple("node-0", NodeInfo.State.READY),
                tuple("node-1", NodeInfo.State.SUSPECT));
        NodeInfo silent = nodes.get(1);
        assertThat(silent.busyWorkers()).isEqualTo(-1);
        assertThat(silent.cpuLoad()).isEqualTo(-1);
        assertThat(silent.capacity()).isEqualTo(silent.maxWorkers());
        assertThat(tookMs).as("describe waits its bound, not for the node").isLessThan(ClusterMembers.LOAD_TIMEOUT_MS + 5_000);

        release.countDown();
        for (Future<Boolean> hold : held) {
            assertThat(hold.get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Takes one of a node's control threads until the test releases it (at most 60 s). */
    static final class Hold implements Callable<Boolean>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean call() throws InterruptedException {
            holding.countDown();
            return release.await(60, TimeUnit.SECONDS);
        }
    }
}
