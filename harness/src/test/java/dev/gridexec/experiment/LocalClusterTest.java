package dev.gridexec.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.remote.CoordinatorClient;
import dev.gridexec.wire.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Node JVMs started on loopback for a local experiment, measured through them, and every one of them stopped. */
@Timeout(120)
class LocalClusterTest {

    @TempDir
    Path dir;

    @AfterEach
    void noNodeProcessIsLeft() {
        assertThat(NodeProcesses.left()).isEmpty();
    }

    @Test
    void twoNodeJvmsJoinTheCoordinatorRunTheSweepAndAreAllStoppedOnClose() throws Exception {
        ExperimentSpec spec = ExperimentSpecReaderTest.read("{\"name\": \"local\", " + ExperimentSpecReaderTest.QUICK_TASK
                + ", \"runs\": [{\"mode\": \"threads\", \"nodes\": [1, 2], \"workers\": [1], \"label\": \"node-processes\"}],"
                + " \"repeats\": 1, \"warmup\": 0}");
        List<String> progress = new ArrayList<>();
        List<ProcessHandle> started;
        ExperimentOutcome outcome;
        try (LocalCluster cluster = LocalCluster.start(spec.maxNodes(), dir.resolve("logs"), progress::add)) {
            started = cluster.processes();
            assertThat(started).hasSize(2).allSatisfy(p -> assertThat(p.isAlive()).isTrue());
            CoordinatorClient client = new CoordinatorClient(CoordinatorClient.parseUrl(cluster.url()));
            assertThat(client.url().getHost()).isEqualTo("127.0.0.1");
            assertThat(client.nodes()).extracting(n -> n.name()).containsExactlyInAnyOrder("node-0", "node-1");
            outcome = new ExperimentRunner(spec, new CoordinatorJobs(client), progress::add)
                    .run(new Target("local", 2, 2, true), ExperimentContext.ofThisJvm("local", 2, List.of("client")));
        }
        assertThat(started).allSatisfy(p -> assertThat(p.isAlive()).as("node process %d", p.pid()).isFalse());
        assertThat(outcome.complete()).as(String.join("\n", progress)).isTrue();
        assertThat(outcome.report().samples()).extracting(Sample::configuration).containsExactlyInAnyOrder(
                new Configuration("node-processes", Mode.THREADS, 1, 1), new Configuration("node-processes", Mode.THREADS, 2, 1));
        assertThat(progress.get(0)).startsWith("starting 2 node JVMs on 127.0.0.1 (logs in ");
        assertThat(progress.get(1)).matches("2 nodes ready in \\d+\\.\\d s");
        assertThat(dir.resolve("logs/node-0.log")).exists();
        assertThat(dir.resolve("logs/node-1.log")).exists();
    }

    @Test
    void aNodeThatDiesDuringStartUpFailsTheStartWithTheEndOfItsLogAndLeavesNothingRunning() {
        String classPath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", dir.resolve("missing.jar").toString()); // the node JVMs cannot find NodeMain
        try {
            assertThatThrownBy(() -> LocalCluster.start(1, dir.resolve("logs"), line -> { }).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("node-0 exited with code 1 during start-up; the end of its log:")
                    .hasMessageContaining("dev.gridexec.node.NodeMain");
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }
}
