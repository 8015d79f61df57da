package dev.gridexec.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.RuntimeSettings;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.TestJars;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kernels from a jar run in child processes of the node: what the kernel does to its process (exit, a heap it
 * fills, a loop that ignores cancel) ends that child only, and the node runs the next chunk in a fresh one.
 */
@Timeout(90)
class SandboxedKernelTest {

    private static final String KERNEL = TestJars.MISBEHAVES;

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final KernelResolver kernels = new KernelResolver(KernelCatalog.builtIn(), new ArtifactCache(store));
    private final String sha = Artifacts.store(store, TestJars.sandboxKernels()).artifact().sha256();
    private final NodeRuntime node = new NodeRuntime("sandbox-test", kernels, RuntimeSettings.of(2)
            .withSandbox(new SandboxSettings(true, "64m", Duration.ofMillis(300), 2, Duration.ofMinutes(1))));
    private final ValueCodec codec = ValueCodec.isolated();

    @AfterEach
    void stopEveryChild() throws Exception {
        StopChildren.closeAndAwait(node, kernels);
    }

    private Task task(Mode mode, Map<String, Object> params) {
        return new Task(null, KERNEL, params, 4, mode, 2, 1, 1, 5, 0, null, 3, sha);
    }

    private ChunkOutcome run(JobSession session, int index) throws Exception {
        return session.submitEncoded(index, codec.encode(Map.of("index", index))).get(60, TimeUnit.SECONDS);
    }

    private long pidOf(ChunkOutcome outcome) {
        assertThat(outcome).isInstanceOf(ChunkOutcome.Done.class);
        return codec.decode((byte[]) ((ChunkOutcome.Done) outcome).output(), Map.class).get("pid") instanceof Number n
                ? n.longValue() : -1;
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"THREADS", "SLOTS", "GIL"})
    void systemExitInAKernelEndsItsChildOnlyAndTheNextChunkRunsInAFreshOne(Mode mode) throws Exception {
        try (JobSession session = node.open("job-exit", task(mode, Map.of("action", "exit", "on", 0L)))) {
            long before = pidOf(run(session, 1));
            ChunkOutcome exited = run(session, 0);
            assertThat(exited).isInstanceOf(ChunkOutcome.Failed.class);
            assertThat(((ChunkOutcome.Failed) exited).message()).contains("exited with status 1");
            assertThat(((ChunkOutcome.Failed) exited).fatal()).isTrue();
            long after = pidOf(run(session, 2));
            assertThat(after).isNotEqualTo(before).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @Test
    void aKernelThatFillsItsHeapEndsItsChildOnly() throws Exception {
        try (JobSession session = node.open("job-oom", task(Mode.THREADS, Map.of("action", "oom", "on", 0L)))) {
            ChunkOutcome filled = run(session, 0);
            assertThat(filled).isInstanceOf(ChunkOutcome.Failed.class);
            assertThat(((ChunkOutcome.Failed) filled).message()).contains("exited with status 3").contains("OutOfMemoryError");
            assertThat(pidOf(run(session, 1))).isNotEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void aChunkThatIgnoresCancelHasItsChildKilledAfterTheGrace() throws Exception {
        try (ServerSocket signal = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            signal.setSoTimeout(60_000);
            JobSession session = node.open("job-spin", task(Mode.THREADS,
                    Map.of("action", "spin", "on", 0L, "port", (long) signal.getLocalPort())));
            var outcome = session.submitEncoded(0, codec.encode(Map.of("index", 0)));
            long spinning;
            try (Socket running = signal.accept()) { // the chunk spins in the child now
                spinning = Long.parseLong(new String(running.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
            }
            List<ProcessHandle> children = node.children().processes();
            assertThat(children).extracting(ProcessHandle::pid).containsExactly(spinning);
            long cancelled = System.nanoTime();
            session.close();
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(ChunkOutcome.Cancelled.class);
            children.get(0).onExit().get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(5));
            session.stopped().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWarmChildIsReusedByTheNextJob() throws Exception {
        long first;
        try (JobSession session = node.open("job-a", task(Mode.THREADS, Map.of("action", "exit", "on", -1L)))) {
            first = pidOf(run(session, 0));
            session.close();
            session.stopped().get(10, TimeUnit.SECONDS);
        }
        assertThat(node.children().warm()).isEqualTo(1);
        try (JobSession session = node.open("job-b", task(Mode.THREADS, Map.of("action", "exit", "on", -1L)))) {
            assertThat(pidOf(run(session, 0))).isEqualTo(first);
        }
    }
}
