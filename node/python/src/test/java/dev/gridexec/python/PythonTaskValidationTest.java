package dev.gridexec.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.task.InvalidTaskException;
import dev.gridexec.task.Problem;
import java.util.Map;
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
        assertThat(problems(PythonTasks.json(VALID, Map.of("n", 1), "threads", 2, 2)))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("mode");
                    assertThat(problem.message()).contains("GraalPy has no free-threaded mode").contains("use slots");
                });
    }

    @Test
    void threadsByDefaultIsRefusedSayingItIsTheDefault() {
        assertThat(problems(PythonTasks.json(VALID, Map.of("n", 1), null, 2, 2)))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("mode");
                    assertThat(problem.message()).startsWith("is threads by default:");
                });
    }

    @Test
    void aModuleWithoutRunIsRefusedNamingParamsModule() {
        String noRun = "def split(params, chunks):\n    return [1]\ndef reduce(params, outputs):\n    return 0\n";
        assertThat(problems(PythonTasks.json(noRun, Map.of(), "slots", 1, 1))).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("params.module");
            assertThat(problem.message()).contains("does not define run(params, chunk)");
        });
    }

    @Test
    void aModuleThatDoesNotCompileIsRefusedWithTheLine() {
        String broken = "def split(params, chunks):\n    return [1\n";
        assertThat(problems(PythonTasks.json(broken, Map.of(), "gil", 1, 1))).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("params.module");
            assertThat(problem.message()).startsWith("does not compile:").contains("line");
        });
    }

    @Test
    void aModuleThatRaisesWhileLoadingIsRefused() {
        assertThat(problems(PythonTasks.json(VALID + "\nimport no_such_module_here\n", Map.of(), "slots", 1, 1)))
                .singleElement().satisfies(problem -> {
                    assertThat(problem.path()).isEqualTo("params.module");
                    assertThat(problem.message()).startsWith("raised while loading:").contains("no_such_module_here");
                });
    }

    @Test
    void aPathInsteadOfSourceIsForTheClientAndAMissingModuleIsRequired() {
        String withPath = "{\"kernel\":\"python\",\"mode\":\"slots\",\"params\":{\"module\":{\"path\":\"primes.py\"}}}";
        assertThat(problems(withPath)).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("params.module");
            assertThat(problem.message()).contains("client submit reads the file");
        });
        assertThat(problems("{\"kernel\":\"python\",\"mode\":\"slots\",\"params\":{\"limit\":5}}"))
                .extracting(Problem::path).containsExactly("params.module");
    }

    @Test
    void otherParamsAreHandedToThePythonFunctions() throws Exception {
        assertThat(PythonJobTest.runJob(PythonTasks.task(VALID, Map.of("n", 41), dev.gridexec.task.Mode.GIL, 1, 1)).asInt())
                .isEqualTo(41);
    }

    private static java.util.List<Problem> problems(String json) {
        InvalidTaskException thrown = (InvalidTaskException) catchThrowable(() -> PythonTasks.read(json));
        assertThat(thrown).as("the task is refused").isNotNull();
        return thrown.problems();
    }
}
