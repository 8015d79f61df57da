package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gridexec.kernel.api.ChunkCancelledException;
import dev.gridexec.kernel.api.ParamProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class PrimesKernelTest {

    private final PrimesKernel kernel = new PrimesKernel();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void trialCountsThePrimesBelowAMillionForAnyChunkCount(int chunks) {
        assertThat(KernelRunner.run(kernel, Map.of("limit", 1_000_000L), chunks)).isEqualTo(new PrimesKernel.Result(78_498));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void sieveCountsThePrimesBelowAMillionForAnyChunkCount(int chunks) {
        assertThat(KernelRunner.run(kernel, Map.of("limit", 1_000_000L, "method", "sieve"), chunks).count()).isEqualTo(78_498);
    }

    @Test
    void sieveCountsThePrimesBelowTenMillion() {
        assertThat(KernelRunner.run(kernel, Map.of("limit", 10_000_000L, "method", "sieve"), 3).count()).isEqualTo(664_579);
    }

    @Test
    void bothMethodsAgreeOnSmallLimits() {
        long[] expected = {0, 0, 0, 1, 2, 2, 3, 3, 4, 4, 4, 4, 5, 5, 6, 6, 6, 6, 7, 7, 8};
        for (int limit = 2; limit < expected.length; limit++) {
            for (String method : List.of("trial", "sieve")) {
                for (int chunks : new int[] {1, 2, 5, 64}) {
                    assertThat(KernelRunner.run(kernel, Map.of("limit", (long) limit, "method", method), chunks).count())
                            .as("primes below %d by %s in %d chunks", limit, method, chunks)
                            .isEqualTo(expected[limit]);
                }
            }
        }
        assertThat(KernelRunner.run(kernel, Map.of("limit", 100L), 7).count()).isEqualTo(25);
    }

    @Test
    void bothMethodsAgreeNearTheTopOfTheRange() {
        long from = 100_000_000_000L - 20_000;
        long to = 100_000_000_000L + 1;
        long byTrial = PrimesKernel.trial(from, to, TestContext.of(0, 0));
        long bySieve = PrimesKernel.sieve(from, to, TestContext.of(0, 0));
        assertThat(bySieve).isEqualTo(byTrial).isPositive();
    }

    @Test
    void splitCutsTheRangeIntoContiguousPiecesInOrder() {
        PrimesKernel.Params params = KernelRunner.params(kernel, Map.of("limit", 100L));
        List<PrimesKernel.Range> ranges = KernelRunner.split(kernel, params, 7, 1);
        assertThat(ranges).hasSize(7);
        assertThat(ranges.get(0).from()).isEqualTo(2);
        assertThat(ranges.get(6).to()).isEqualTo(100);
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).from()).isEqualTo(ranges.get(i - 1).to());
        }
    }

    @Test
    void splitNeverMakesMoreChunksThanNumbers() {
        assertThat(KernelRunner.split(kernel, KernelRunner.params(kernel, Map.of("limit", 3L)), 64, 1))
                .containsExactly(new PrimesKernel.Range(2, 3));
        assertThat(KernelRunner.split(kernel, KernelRunner.params(kernel, Map.of("limit", 2L)), 64, 1)).hasSize(1);
        assertThat(KernelRunner.run(kernel, Map.of("limit", 3L), 64).count()).isEqualTo(1);
    }

    @Test
    void methodDefaultsToTrial() {
        assertThat(KernelRunner.params(kernel, Map.of("limit", 10L)).method()).isEqualTo("trial");
    }

    @Test
    void reportsOutOfRangeMissingAndUnknownValues() {
        assertThat(KernelRunner.problems(kernel, Map.of("limit", -5L)))
                .containsExactly(new ParamProblem("limit", "must be between 2 and 10^12, got -5"));
        assertThat(KernelRunner.problems(kernel, Map.of("limit", 1_000_000_000_001L))).extracting(ParamProblem::path)
                .containsExactly("limit");
        assertThat(KernelRunner.problems(kernel, Map.of())).extracting(ParamProblem::path).containsExactly("limit");
        assertThat(KernelRunner.problems(kernel, Map.of("limit", 10L, "method", "wheel")))
                .extracting(ParamProblem::path).containsExactly("method");
    }

    @Test
    void trialStopsPromptlyWhenCancelled() {
        PrimesKernel.Params params = KernelRunner.params(kernel, Map.of("limit", 1_000_000_000_000L));
        PrimesKernel.Range everything = KernelRunner.split(kernel, params, 1, 1).get(0);
        TestContext context = TestContext.cancellingAfter(1000);
        assertThatThrownBy(() -> kernel.run(params, everything, context)).isInstanceOf(ChunkCancelledException.class);
        assertThat(context.checkpoints()).isEqualTo(1001);
    }

    @Test
    void sieveStopsPromptlyWhenCancelled() {
        PrimesKernel.Params params = KernelRunner.params(kernel, Map.of("limit", 1_000_000_000_000L, "method", "sieve"));
        PrimesKernel.Range everything = KernelRunner.split(kernel, params, 1, 1).get(0);
        TestContext context = TestContext.cancellingAfter(1000);
        assertThatThrownBy(() -> kernel.run(params, everything, context)).isInstanceOf(ChunkCancelledException.class);
    }
}
