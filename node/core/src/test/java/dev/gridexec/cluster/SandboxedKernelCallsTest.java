package dev.gridexec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.runtime.sandbox.SandboxSettings;
import dev.gridexec.wire.KernelAnswer;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A jar kernel's params check, split and reduce run in a child process of the node (the sandbox): what the kernel does
 * to that process (an exit, a params() that never returns) ends the child only, never the node or one of its threads,
 * and the answers are the ones the node would give in-process.
 */
@Timeout(120)
class SandboxedKernelCallsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final KernelResolver kernels = new KernelResolver(KernelCatalog.builtIn(), new ArtifactCache(store));
    private final String misbehaves = Artifacts.store(store, TestJars.sandboxKernels()).artifact().sha256();
    private final String tokens = Artifacts.store(store, TestJars.testKernels()).artifact().sha256();
    private final SandboxedKernelCalls calls = new SandboxedKernelCalls(kernels, "calls-test",
            new SandboxSettings(true, "64m", Duration.ofMillis(300), 2, Duration.ofMinutes(1)), 2);
    private final InProcessKernelCalls inProcess = new InProcessKernelCalls(kernels);
    private final KernelCallRunner runner = new KernelCallRunner();

    @AfterEach
    void stopEveryChild() throws Exception {
        List<ProcessHandle> started = calls.processes();
        runner.close();
        calls.close();
        kernels.close();
        for (ProcessHandle child : started) {
            child.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private Task task(String artifact, String kernel, Map<String, Object> params) {
        return new Task(null, kernel, params, 4, Mode.THREADS, 1, 1, 1, 5, 0, null, 1, artifact);
    }

    private Task misbehaving(Map<String, Object> params) {
        return task(misbehaves, TestJars.MISBEHAVES, params);
    }

    private KernelAnswer check(Task task, Duration timeout) {
        return runner.run("params", timeout, () -> calls.check(task));
    }

    @Test
    void aParamsThatCallsSystemExitFailsTheCheckNamingStatus1AndTheNextCheckRunsInAFreshChild() {
        KernelAnswer exited = check(misbehaving(Map.of("action", "exit", "in", "params")), Duration.ofSeconds(60));

        assertThat(exited.kind()).isEqualTo(KernelAnswer.FAILED);
        assertThat(exited.message()).startsWith("params() did not answer: the kernel's process ").contains("exited with status 1");
        assertThat(ProcessHandle.current().isAlive()).isTrue();
        KernelAnswer next = check(misbehaving(Map.of("action", "exit")), Duration.ofSeconds(60));
        assertThat(next.kind()).isEqualTo(KernelAnswer.OK);
        assertThat(next.kernel()).isEqualTo(TestJars.MISBEHAVES);
        assertThat(alive()).as("the dead child is gone, the fresh one kept warm").isEqualTo(1);
        assertThat(calls.warm()).isEqualTo(1);
    }

    @Test
    void aParamsThatFillsItsHeapFailsTheCheckNamingStatus3() {
        KernelAnswer filled = check(misbehaving(Map.of("action", "oom", "in", "params")), Duration.ofSeconds(60));

        assertThat(filled.kind()).isEqualTo(KernelAnswer.FAILED);
        assertThat(filled.message()).contains("exited with status 3").contains("OutOfMemoryError");
    }

    @Test
    void aParamsThatBlocksIgnoringInterruptsIsTimedOutAndItsChildDestroyedFreeingTheNodesThread() throws Exception {
        assertThat(check(misbehaving(Map.of()), Duration.ofSeconds(60)).kind()).isEqualTo(KernelAnswer.OK);
        List<ProcessHandle> warm = calls.processes();
        assertThat(warm).hasSize(1);

        try (ServerSocket signal = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            signal.setSoTimeout(30_000);
            CountDownLatch returned = new CountDownLatch(1);
            long start = System.nanoTime();
            CompletableFuture<KernelAnswer> answer = CompletableFuture.supplyAsync(() -> runner.run("params", TIMEOUT, () -> {
                try {
                    return calls.check(misbehaving(Map.of("action", "block", "in", "params", "port", (long) signal.getLocalPort())));
                } finally {
                    returned.countDown();
                }
            }));
            long blocking;
            try (Socket running = signal.accept()) { // params() blocks in the child now
                blocking = Long.parseLong(new String(running.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
            }
            assertThat(blocking).isEqualTo(warm.get(0).pid());

            KernelAnswer timedOut = answer.get(30, TimeUnit.SECONDS);
            assertThat(timedOut.kind()).isEqualTo(KernelAnswer.TIMED_OUT);
            assertThat(timedOut.message()).isEqualTo("params() did not return within 5 s");
            warm.get(0).onExit().get(10, TimeUnit.SECONDS);
            assertThat(returned.await(10, TimeUnit.SECONDS)).as("the node's thread for the call returned").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SandboxSettings.DEFAULT_GRACE).plusSeconds(5));
        }
        assertThat(check(misbehaving(Map.of()), Duration.ofSeconds(60)).kind()).isEqualTo(KernelAnswer.OK);
        assertThat(calls.processes()).extracting(ProcessHandle::pid).doesNotContain(warm.get(0).pid());
    }

    @Test
    void aJarKernelsCheckSplitAndReduceInAChildAnswerAsInProcess() {
        ValueCodec codec = ValueCodec.isolated();
        byte[][] outputs = new byte[4][];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = codec.encode(Map.of("index", i, "token", 7L + i % 2));
        }
        List<Task> tasks = List.of(task(tokens, "TokenKernel", Map.of("millis", 5L)),
                task(tokens, "TokenKernel", Map.of("millis", -1L, "speed", 2L)), task(tokens, "SplitFails", Map.of()),
                task(tokens, "ReduceFails", Map.of()), task(tokens, "com.example.Missing", Map.of()));

        for (Task task : tasks) {
            assertSame(calls.check(task), inProcess.check(task));
            assertSame(calls.split(task), inProcess.split(task));
            assertSame(calls.reduce(task, outputs), inProcess.reduce(task, outputs));
        }
        KernelAnswer split = calls.split(tasks.get(0));
        assertThat(split.kind()).isEqualTo(KernelAnswer.OK);
        assertThat(split.inputs()).hasNumberOfRows(4);
        assertThat(calls.reduce(tasks.get(0), outputs).result()).isEqualTo("{\"chunks\":4,\"distinct\":2}");
        assertThat(calls.split(tasks.get(2)).message()).startsWith("java.lang.IllegalStateException: split refuses");
        assertThat(alive()).as("one warm child took every call").isEqualTo(1);
    }

    @Test
    void aBuiltInKernelsCallsRunInTheNodeWithoutAChild() {
        Task pi = task(null, "pi", Map.of("samples", 1000L));

        assertThat(calls.check(pi).kind()).isEqualTo(KernelAnswer.OK);
        assertThat(calls.split(pi).inputs()).isNotEmpty();
        assertThat(calls.processes()).isEmpty();
    }

    private long alive() {
        return calls.processes().stream().filter(ProcessHandle::isAlive).count();
    }

    private static void assertSame(KernelAnswer sandboxed, KernelAnswer here) {
        assertThat(sandboxed).usingRecursiveComparison().isEqualTo(here);
    }
}
