package dev.gridexec.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.wire.Problem;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What is refused at submission, and how it is named. */
@Timeout(300)
class PythonTaskValidationTest {

    private static final String VALID = """
            def split(params, chunks):
                return [params["n"]]
            def run(params, chunk):
                return chunk
            def reduce(params, outputs):
                return sum(outputs)
            """;

    @Test
    void pythonIsACatalogKernelWhenTheModuleIsOnTheClassPath() {
        assertThat(KernelCatalog.builtIn().names()).contains("python", "primes");
        assertThat(KernelCatalog.pluginNames()).containsExactly("python");
    }

    @Test
    void threadsModeIsRefusedSayingGraalPyHasNoFreeThreadedMode() {
        assertOneProblem(PythonTasks.json(VALID, Map.of("n", 1), "threads", 2, 2), "mode")
                .contains("GraalPy has no free-threaded mode").contains("use slots");
    }

    @Test
    void threadsByDefaultIsRefusedSayingItIsTheDefault() {
        assertOneProblem(PythonTasks.json(VALID, Map.of("n", 1), null, 2, 2), "mode").startsWith("is threads by default:");
    }

    @Test
    void aModuleWithoutRunIsRefusedNamingParamsModule() {
        String noRun = "def split(params, chunks):\n    return [1]\ndef reduce(params, outputs):\n    return 0\n";
        assertOneProblem(PythonTasks.json(noRun, Map.of(), "slots", 1, 1), "params.module")
                .contains("does not define run(params, chunk)");
    }

    @Test
    void aModuleThatDoesNotCompileIsRefusedWithTheLine() {
        String broken = "def split(params, chunks):\n    return [1\n";
        assertOneProblem(PythonTasks.json(broken, Map.of(), "gil", 1, 1), "params.module")
                .startsWith("does not compile:").contains("line");
    }

    @Test
    void aModuleThatRaisesWhileLoadingIsRefused() {
        assertOneProblem(PythonTasks.json(VALID + "\nimport no_such_module_here\n", Map.of(), "slots", 1, 1), "params.module")
                .startsWith("raised while loading:").contains("no_such_module_here");
    }

    @Test
    void aPathInsteadOfSourceIsForTheClientAndAMissingModuleIsRequired() {
        String withPath = "{\"kernel\":\"python\",\"mode\":\"slots\",\"params\":{\"module\":{\"path\":\"primes.py\"}}}";
        assertOneProblem(withPath, "params.module").contains("client submit reads the file");
        assertThat(problems("{\"kernel\":\"python\",\"mode\":\"slots\",\"params\":{\"limit\":5}}"))
                .extracting(Problem::path).containsExactly("params.module");
    }

    @Test
    void otherParamsAreHandedToThePythonFunctions() throws Exception {
        assertThat(PythonJobTest.runJob(PythonTasks.task(VALID, Map.of("n", 41), dev.gridexec.wire.Mode.GIL, 1, 1)).asInt())
                .isEqualTo(41);
    }

    /** Asserts that {@code json} is refused with exactly one problem, at {@code path}; returns an assertion on its message. */
    private static AbstractStringAssert<?> assertOneProblem(String json, String path) {
        java.util.List<Problem> problems = problems(json);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).path()).isEqualTo(path);
        return assertThat(problems.get(0).message());
    }

    private static java.util.List<Problem> problems(String json) {
        InvalidTaskException thrown = (InvalidTaskException) catchThrowable(() -> PythonTasks.read(json));
        assertThat(thrown).as("the task is refused").isNotNull();
        return thrown.problems();
    }
}
