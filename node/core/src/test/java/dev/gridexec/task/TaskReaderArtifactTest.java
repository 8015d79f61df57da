package dev.gridexec.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.Artifacts;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.TaskCodec;
import dev.gridexec.testkernels.TestJars;
import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskReaderArtifactTest {

    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final KernelResolver kernels = new KernelResolver(KernelCatalog.builtIn(), new ArtifactCache(store));
    private final TaskReader reader = new TaskReader(kernels, TaskDefaults.builtIn(2, 1));
    private final String sha = Artifacts.store(store, TestJars.testKernels()).artifact().sha256();

    @AfterEach
    void close() {
        kernels.close();
    }

    private List<Problem> problems(String json) {
        InvalidTaskException e = catchThrowableOfType(InvalidTaskException.class, () -> reader.read(json));
        assertThat(e).as("rejection of %s", json).isNotNull();
        return e.problems();
    }

    @Test
    void aKernelFromAnArtifactIsNormalisedToItsClassAndKeepsTheArtifact() throws Exception {
        Task task = reader.read("{\"kernel\": \"TokenKernel\", \"artifact\": \"" + sha + "\", \"params\": {\"millis\": 3}}");
        assertThat(task.kernel()).isEqualTo(TestJars.PACKAGE + ".TokenKernel");
        assertThat(task.artifact()).isEqualTo(sha);
        assertThat(TaskCodec.decode(TaskCodec.encode(task))).as("members get the same task").isEqualTo(task);
        assertThat(new String(TaskCodec.encode(task), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{\"kernel\":\"" + TestJars.PACKAGE + ".TokenKernel\",\"artifact\":\"" + sha + "\",\"params\":");
        assertThat(kernels.artifacts().inUse()).as("reading holds no lease").isZero();
    }

    @Test
    void theJarsKernelChecksItsOwnParams() {
        assertThat(problems("{\"kernel\": \"TokenKernel\", \"artifact\": \"" + sha + "\", \"params\": {\"millis\": -1, \"x\": 2}}"))
                .containsExactly(new Problem("params.millis", "must be between 0 and 60000, got -1"),
                        new Problem("params.x", "unknown parameter"));
    }

    @Test
    void aMalformedArtifactIsTheOnlyProblemReportedAboutTheKernel() {
        assertThat(problems("{\"kernel\": \"TokenKernel\", \"artifact\": \"ABC\"}")).containsExactly(new Problem("artifact",
                "must be the sha256 of an uploaded jar (64 lowercase hex digits), got \"ABC\""));
    }

    @Test
    void anUnknownArtifactSaysToUploadIt() {
        String unknown = "0".repeat(64);
        assertThat(problems("{\"kernel\": \"TokenKernel\", \"artifact\": \"" + unknown + "\", \"chunks\": 0}")).containsExactly(
                new Problem("artifact", "no artifact with sha256 " + unknown + "; upload it first"),
                new Problem("chunks", "must be between 1 and 10^6, got 0"));
    }

    @Test
    void theClientsJarFieldIsExplainedNotJustUnknown() {
        assertThat(problems("{\"kernel\": \"primes\", \"params\": {\"limit\": 10}, \"jar\": \"k.jar\"}")).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("jar: is for the client, which uploads the jar"));
    }

    @Test
    void aReaderWithoutArtifactsFindsNone() {
        TaskReader builtInOnly = new TaskReader(KernelCatalog.builtIn(), TaskDefaults.builtIn(2, 1));
        InvalidTaskException e = catchThrowableOfType(InvalidTaskException.class,
                () -> builtInOnly.read("{\"kernel\": \"TokenKernel\", \"artifact\": \"" + sha + "\"}"));
        assertThat(e.problems()).extracting(Problem::path).containsExactly("artifact");
    }
}
