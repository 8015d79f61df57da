package dev.gridexec.python;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.codec.ValueCodec;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.JobSession;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Python jobs on a node runtime: split and reduce as the coordinator calls them, chunks in slots and under the gil. */
@Timeout(300)
class PythonJobTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Mode.class, names = {"SLOTS", "GIL"})
    void primesExampleCountsExactlyInEveryPythonMode(Mode mode) throws Exception {
        JsonNode result = runJob(PythonTasks.task(PythonTasks.example("primes.py"), Map.of("limit", 100_000), mode, 2, 6));
        assertThat(result.toString()).isEqualTo("{\"count\":9592}");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Mode.class, names = {"SLOTS", "GIL"})
    void monteCarloExampleIsTheSameInEveryPythonMode(Mode mode) throws Exception {
        JsonNode result = runJob(PythonTasks.task(PythonTasks.example("montecarlo_pi.py"),
                Map.of("samples", 40_000, "seed", 7), mode, 2, 4));
        assertThat(result.get("samples").asLong()).isEqualTo(40_000);
        assertThat(result.get("pi").asDouble()).isBetween(3.0, 3.3);
        JsonNode again = runJob(PythonTasks.task(PythonTasks.example("montecarlo_pi.py"),
                Map.of("samples", 40_000, "seed", 7), mode == Mode.SLOTS ? Mode.GIL : Mode.SLOTS, 2, 4));
        assertThat(again).as("the same seed in the other mode").isEqualTo(result);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Mode.class, names = {"SLOTS", "GIL"})
    void anExceptionInRunFailsTheChunkNamingTheFunctionAndLine(Mode mode) throws Exception {
        String module = """
                def split(params, chunks):
                    return [1]
                def run(params, chunk):
                    return 1 // 0
                def reduce(params, outputs):
                    return outputs
                """;
        Task task = PythonTasks.task(module, Map.of(), mode, 1, 1);
        try (JobSession session = new NodeRuntime("test-node", KernelCatalog.builtIn()).open("job-raise-" + mode, task)) {
            ChunkOutcome outcome = session.submit(0, "1").get(120, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOfSatisfying(ChunkOutcome.Failed.class, failed -> assertThat(failed.message())
                    .contains("run raised ZeroDivisionError").contains("line 4 of task_"));
        }
    }

    /** Runs a whole job as the coordinator would: split, chunks on a fresh node runtime, reduce in chunk order. */
    static JsonNode runJob(Task task) throws Exception {
        try (NodeRuntime runtime = new NodeRuntime("test-node", KernelCatalog.builtIn())) {
            return runJob(runtime, "job-" + task.mode(), task);
        }
    }

    /**
     * Runs a whole job on {@code runtime}: split, chunks, reduce in chunk order. A long-lived runtime keeps its
     * warm slots (and their interpreters, with the module loaded) from one job to the next.
     */
    static JsonNode runJob(NodeRuntime runtime, String jobId, Task task) throws Exception {
        PythonKernel kernel = new PythonKernel();
        PythonKernel.Params params = kernel.params(new ParamReader(task.params()));
        List<String> inputs = kernel.split(params, new SplitRequest(task.chunks(), task.seed()));
        List<String> outputs = new ArrayList<>();
        try (JobSession session = runtime.open(jobId, task)) {
            List<CompletableFuture<ChunkOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                futures.add(session.submit(i, inputs.get(i)));
            }
            for (CompletableFuture<ChunkOutcome> future : futures) {
                ChunkOutcome outcome = future.get(120, TimeUnit.SECONDS);
                assertThat(outcome).isInstanceOf(ChunkOutcome.Done.class);
                outputs.add(asString(((ChunkOutcome.Done) outcome).output()));
            }
        }
        return kernel.reduce(params, outputs);
    }

    private static String asString(Object output) {
        return output instanceof byte[] bytes ? ValueCodec.shared().decode(bytes, String.class) : (String) output;
    }
}
