package dev.gridexec.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.TestJars;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A node's kernel calls (params check, split, reduce): in-process, bounded by their timeout. */
@Timeout(60)
class KernelCallsTest {

    private final KernelResolver kernels = new KernelResolver(KernelCatalog.builtIn(), new ArtifactCache(new InMemoryArtifactStore()));
    private final InProcessKernelCalls calls = new InProcessKernelCalls(kernels);
    private final KernelCallRunner runner = new KernelCallRunner();
    private final String sha = Artifacts.store(kernels.artifacts().store(), TestJars.testKernels()).artifact().sha256();

    @AfterEach
    void close() {
        runner.close();
        kernels.close();
    }

    private Task task(String kernel, Map<String, Object> params) {
        return new Task(null, kernel, params, 4, Mode.THREADS, 1, 1, 1, 5, 0, null, 1, sha);
    }

    @Test
    void aCallThatDoesNotReturnInTimeIsAnsweredTimedOutAndInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        KernelAnswer answer = runner.run("params", Duration.ofMillis(200), () -> {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return KernelAnswer.checked("late");
        });

        assertThat(answer.kind()).isEqualTo(KernelAnswer.TIMED_OUT);
        assertThat(answer.message()).isEqualTo("params() did not return within 200 ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(150L, 5_000L);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the kernel's thread was interrupted").isTrue();
    }

    @Test
    void aJarKernelsParamsAreCheckedUnderItsFullNameWithTheirProblems() {
        KernelAnswer ok = calls.check(task("TokenKernel", Map.of("millis", 5L)));
        KernelAnswer wrong = calls.check(task("TokenKernel", Map.of("millis", -1L, "speed", 2L)));
        KernelAnswer missing = calls.check(task("com.example.Missing", Map.of()));

        assertThat(ok.kind()).isEqualTo(KernelAnswer.OK);
        assertThat(ok.kernel()).isEqualTo(TestJars.PACKAGE + ".TokenKernel");
        assertThat(wrong.kind()).isEqualTo(KernelAnswer.PROBLEMS);
        assertThat(wrong.problemList()).extracting(p -> p.path()).containsExactly("params.millis", "params.speed");
        assertThat(missing.kind()).isEqualTo(KernelAnswer.PROBLEMS);
        assertThat(missing.problemList()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("kernel"));
    }

    @Test
    void aSplitAnswersEncodedInputsOrWhatTheKernelThrew() {
        KernelAnswer split = calls.split(task("TokenKernel", Map.of()));
        KernelAnswer fails = calls.split(task("SplitFails", Map.of()));

        assertThat(split.kind()).isEqualTo(KernelAnswer.OK);
        assertThat(split.inputs().length).isEqualTo(4);
        assertThat(new String(split.inputs()[3], java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"index\":3}");
        assertThat(fails.kind()).isEqualTo(KernelAnswer.FAILED);
        assertThat(fails.message()).startsWith("java.lang.IllegalStateException: split refuses (at " + TestJars.PACKAGE + ".SplitFails.split(");
    }
}
