package dev.gridexec.members;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.node.NodeProcess;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.TestJars;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kernels from a jar run in child processes of the nodes (the nodes' default): a kernel that exits or never reaches
 * a checkpoint ends its child only, fails its job, and leaves every node running.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxClusterTest {

    private TestCluster cluster;
    private String sha;

    @BeforeAll
    void start() throws Exception {
        cluster = new TestCluster(KernelCatalog.builtIn(), 2);
        sha = Artifacts.store(new HazelcastArtifactStore(() -> cluster.coordinator), TestJars.sandboxKernels()).artifact().sha256();
    }

    @AfterAll
    void stop() {
        cluster.close(); // the nodes destroy their children
    }

    private CompletableFuture<JobRecord> submit(Mode mode, Map<String, Object> params, String timeout) {
        Task task = new Task(null, TestJars.MISBEHAVES, params, 8, mode, 2, 2, 1, 5, 0, timeout, 2, sha);
        return cluster.scheduler.submit(task, JobListener.NONE).completion();
    }

    private void assertEveryNodeRunsJobs() throws Exception {
        JobRecord next = submit(Mode.THREADS, Map.of("action", "exit", "on", -1L), null).get(60, TimeUnit.SECONDS);
        assertThat(next.state()).as(String.valueOf(next.error())).isEqualTo(JobState.SUCCEEDED);
        for (NodeProcess node : cluster.nodes) {
            assertThat(node.hazelcast().getLifecycleService().isRunning()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"THREADS", "SLOTS"})
    void systemExitInAUserKernelFailsTheJobWithReasonKernelAndEveryNodeLives(Mode mode) throws Exception {
        JobRecord record = submit(mode, Map.of("action", "exit", "on", 3L), null).get(60, TimeUnit.SECONDS);

        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.error().reason()).isEqualTo("kernel");
        assertThat(record.error().message()).contains("chunk 3").contains("exited with status 1");
        assertEveryNodeRunsJobs();
    }

    @Test
    void aRunawayKernelTimesOutAndItsChildIsKilledWithinTheGrace() throws Exception {
        try (ServerSocket signal = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            signal.setSoTimeout(60_000);
            long submitted = System.nanoTime();
            CompletableFuture<JobRecord> job = submit(Mode.THREADS,
                    Map.of("action", "spin", "on", 0L, "port", (long) signal.getLocalPort()), "PT3S");
            long spinning;
            try (Socket running = signal.accept()) {
                spinning = Long.parseLong(new String(running.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
            }
            assertThat(spinning).isNotEqualTo(ProcessHandle.current().pid());

            JobRecord record = job.get(60, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - submitted)).isLessThan(Duration.ofSeconds(5));
            assertThat(record.state()).isEqualTo(JobState.FAILED);
            assertThat(record.error().reason()).isEqualTo("timeout");
            long ended = System.nanoTime();
            ProcessHandle.of(spinning).ifPresent(child -> child.onExit().join());
            assertThat(Duration.ofNanos(System.nanoTime() - ended)).as("the child is killed after the 1 s grace")
                    .isLessThan(Duration.ofSeconds(5));
        }
        assertEveryNodeRunsJobs();
    }

    @Test
    void processesModeComputesWhatThreadsComputeOnEveryNode() throws Exception {
        JobRecord threads = primes(Mode.THREADS);
        JobRecord processes = primes(Mode.PROCESSES);

        assertThat(processes.state()).as(String.valueOf(processes.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(processes.result()).isEqualTo(threads.result());
        assertThat(processes.placement()).extracting(Placement::node).containsExactlyInAnyOrder("node-0", "node-1");
    }

    private JobRecord primes(Mode mode) throws Exception {
        Task task = new Task(null, "primes", Map.of("limit", 300_000L), 16, mode, 2, 2, 1, 5, 0, null, 1);
        return cluster.scheduler.submit(task, JobListener.NONE).completion().get(60, TimeUnit.SECONDS);
    }
}
