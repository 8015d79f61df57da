package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in kernel gives the same exact result in every execution model, for 1, 2 and 3 workers;
 * and for any chunk count, except pi, whose result may depend on the chunk count (only).
 */
@Timeout(300)
class ResultsAgreeAcrossModelsTest {

    private static Scheduler scheduler;

    @BeforeAll
    static void start() {
        KernelCatalog catalog = KernelCatalog.builtIn();
        scheduler = new Scheduler(catalog, List.of(new LocalMember(new NodeRuntime("local-0", catalog))));
    }

    @AfterAll
    static void stop() {
        scheduler.close();
    }

    static List<Arguments> kernels() {
        return List.of(
                Arguments.of("primes", Map.of("limit", 30_000L), true),
                Arguments.of("primes", Map.of("limit", 30_000L, "method", "sieve"), true),
                Arguments.of("pi", Map.of("samples", 20_000L), false),
                Arguments.of("nqueens", Map.of("n", 7L), true),
                Arguments.of("mandelbrot", Map.of("width", 40L, "height", 30L, "maxIterations", 200L,
                        "xMin", new BigDecimal("-2.0"), "xMax", new BigDecimal("0.75")), true),
                Arguments.of("matmul", Map.of("n", 24L), true),
                Arguments.of("collatz", Map.of("limit", 20_000L), true),
                Arguments.of("sleep", Map.of("millis", 0L), false),
                Arguments.of("spin", Map.of("iterations", 1000L), false));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("kernels")
    void resultIsTheSameInEveryModelForAnyWorkerCount(String kernel, Map<String, Object> params, boolean chunkIndependent)
            throws Exception {
        Map<Integer, JsonNode> byChunks = new HashMap<>();
        JsonNode any = null;
        for (int chunks : new int[] {1, 7, 64}) {
            for (Mode mode : Mode.values()) {
                for (int workers = 1; workers <= 3; workers++) {
                    Task task = new Task(null, kernel, params, chunks, mode, workers, 1, 1, 5, 42, null, 1);
                    JobRecord record = scheduler.submit(task, JobListener.NONE).completion().get(60, TimeUnit.SECONDS);
                    assertThat(record.state()).as(kernel + " " + mode + " x" + workers + " in " + chunks + " chunks: "
                            + record.error()).isEqualTo(JobState.SUCCEEDED);
                    JsonNode expected = byChunks.putIfAbsent(chunks, record.result());
                    if (expected != null) {
                        assertThat(record.result()).as(kernel + " " + mode + " x" + workers + " in " + chunks + " chunks")
                                .isEqualTo(expected);
                    }
                    if (chunkIndependent) {
                        if (any == null) {
                            any = record.result();
                        }
                        assertThat(record.result()).as(kernel + " in " + chunks + " chunks vs 1 chunk").isEqualTo(any);
                    }
                }
            }
        }
    }
}
