package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class CollatzKernelTest {

    private final CollatzKernel kernel = new CollatzKernel();

    /** The chain length from {@code start}, walked without any cache. */
    private static int walk(long start) {
        int length = 1;
        for (long term = start; term != 1; term = (term & 1) == 0 ? term / 2 : 3 * term + 1) {
            length++;
        }
        return length;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void findsTheLongestChainBelowAMillionForAnyChunkCount(int chunks) {
        assertThat(KernelRunner.run(kernel, Map.of("limit", 1_000_000L), chunks)).isEqualTo(new CollatzKernel.Result(837_799, 525));
    }

    @Test
    void countsTheStartAndTheOneAndPrefersTheSmallestStart() {
        assertThat(KernelRunner.run(kernel, Map.of("limit", 2L), 64)).isEqualTo(new CollatzKernel.Result(1, 1));
        assertThat(KernelRunner.run(kernel, Map.of("limit", 10L), 3)).isEqualTo(new CollatzKernel.Result(9, 20));
        // 18 and 19 both have 21 terms: 18 wins, whichever chunk holds 19.
        for (int chunks : new int[] {1, 2, 19}) {
            assertThat(KernelRunner.run(kernel, Map.of("limit", 20L), chunks)).isEqualTo(new CollatzKernel.Result(18, 21));
        }
    }

    @Test
    void startsAboveTheCacheAgreeWithAnUncachedWalk() {
        long from = 999_990_000L;
        long to = 1_000_000_000L;
        long bestStart = from;
        int bestLength = 0;
        for (long start = from; start < to; start++) {
            int length = walk(start);
            if (length > bestLength) {
                bestLength = length;
                bestStart = start;
            }
        }
        CollatzKernel.Params params = KernelRunner.params(kernel, Map.of("limit", to));
        assertThat(kernel.run(params, new CollatzKernel.Range(from, to), TestContext.of(0, 0)))
                .isEqualTo(new CollatzKernel.Best(bestStart, bestLength));
        assertThat(CollatzKernel.length(837_799, new int[CollatzKernel.MEMO_SIZE])).isEqualTo(525);
    }

    @Test
    void neverMakesMoreChunksThanStarts() {
        CollatzKernel.Params params = KernelRunner.params(kernel, Map.of("limit", 3L));
        assertThat(KernelRunner.split(kernel, params, 64, 0))
                .containsExactly(new CollatzKernel.Range(1, 2), new CollatzKernel.Range(2, 3));
    }
}
