package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.kernel.api.ChunkCancelledException;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamProblem;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What every built-in kernel does at its limits: a required param out of range or missing, and a long chunk cancelled. */
@Timeout(30)
class KernelLimitsTest {

    /** A kernel, its required param, a value just out of range and how that value is reported. */
    static Stream<Arguments> requiredParams() {
        return Stream.of(
                Arguments.of(new CollatzKernel(), "limit", 1L, "must be between 2 and 10^9, got 1"),
                Arguments.of(new MatmulKernel(), "n", 4097L, "must be between 1 and 4096, got 4097"),
                Arguments.of(new NQueensKernel(), "n", 19L, "must be between 1 and 18, got 19"),
                Arguments.of(new PiKernel(), "samples", 0L, "must be between 1 and 10^12, got 0"),
                Arguments.of(new SleepKernel(), "millis", 3_600_001L, "must be between 0 and 3600000, got 3600001"),
                Arguments.of(new SpinKernel(), "iterations", -1L, "must be between 0 and 10^9, got -1"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requiredParams")
    void reportsARequiredParamOutOfRangeOrMissing(Kernel<?, ?, ?, ?> kernel, String name, Object outOfRange, String message) {
        assertThat(KernelRunner.problems(kernel, Map.of(name, outOfRange))).containsExactly(new ParamProblem(name, message));
        assertThat(KernelRunner.problems(kernel, Map.of())).extracting(ParamProblem::path).containsExactly(name);
    }

    /** A kernel, params and a chunk that would run for minutes, and the checkpoints after which it is cancelled. */
    static Stream<Arguments> longChunks() {
        NQueensKernel nqueens = new NQueensKernel();
        NQueensKernel.Params queens = new NQueensKernel.Params(18);
        MandelbrotKernel mandelbrot = new MandelbrotKernel();
        return Stream.of(
                Arguments.of(new CollatzKernel(), new CollatzKernel.Params(1_000_000_000L),
                        new CollatzKernel.Range(1, 1_000_000_000L), 1000),
                Arguments.of(new MatmulKernel(), new MatmulKernel.Params(2048), new MatmulKernel.Block(0, 2048, 1), 2048 + 100),
                Arguments.of(nqueens, queens, KernelRunner.split(nqueens, queens, 1, 0).get(0), 1000),
                Arguments.of(new PiKernel(), new PiKernel.Params(1_000_000_000_000L),
                        new PiKernel.Slice(0, 1_000_000_000_000L, 1), 100),
                Arguments.of(new SpinKernel(), new SpinKernel.Params(1_000_000_000), new SpinKernel.Turn(0), 10),
                Arguments.of(mandelbrot, KernelRunner.params(mandelbrot, Map.of("width", 16384L, "height", 16384L,
                        "maxIterations", 1_000_000L)), new MandelbrotKernel.Rows(0, 16384), 100));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longChunks")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void stopsPromptlyWhenCancelled(Kernel kernel, Object params, Object input, long checkpoints) {
        TestContext context = TestContext.cancellingAfter(checkpoints);
        assertThatThrownBy(() -> kernel.run(params, input, context)).isInstanceOf(ChunkCancelledException.class);
    }
}
