package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class NQueensKernelTest {

    private final NQueensKernel kernel = new NQueensKernel();

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 0", "3, 0", "4, 2", "5, 10", "6, 4", "8, 92", "10, 724", "12, 14200"})
    void countsKnownSolutionsForAnyChunkCount(long n, long solutions) {
        for (int chunks : new int[] {1, 2, 3, 7, 64}) {
            assertThat(KernelRunner.run(kernel, Map.of("n", n), chunks).solutions())
                    .as("n=%d in %d chunks", n, chunks)
                    .isEqualTo(solutions);
        }
    }

    @Test
    void splitsAtTheShallowestDepthWithEnoughPrefixes() {
        NQueensKernel.Params params = new NQueensKernel.Params(8);
        assertThat(KernelRunner.split(kernel, params, 1, 0)).singleElement()
                .satisfies(chunk -> assertThat(chunk.depth()).isZero());
        List<NQueensKernel.Prefixes> eight = KernelRunner.split(kernel, params, 8, 0);
        assertThat(eight).hasSize(8).allSatisfy(chunk -> assertThat(chunk.columns()).hasSize(1));
        assertThat(eight.get(3).columns()).containsExactly(3);
        List<NQueensKernel.Prefixes> nine = KernelRunner.split(kernel, params, 9, 0);
        assertThat(nine).hasSize(9).allSatisfy(chunk -> assertThat(chunk.depth()).isEqualTo(2));
        assertThat(nine.stream().mapToInt(chunk -> chunk.columns().length / 2).sum()).isEqualTo(42);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void smallBoardsNeverGetMoreChunksThanPrefixes(int n) {
        List<NQueensKernel.Prefixes> chunks = KernelRunner.split(kernel, new NQueensKernel.Params(n), 64, 0);
        assertThat(chunks).isNotEmpty().hasSizeLessThanOrEqualTo(64)
                .allSatisfy(chunk -> assertThat(chunk.depth() == 0 || chunk.columns().length > 0).isTrue());
    }

    @Test
    void largeBoardsSplitCheaplyIntoManyChunks() {
        assertThat(KernelRunner.split(kernel, new NQueensKernel.Params(18), 5000, 0)).hasSize(5000);
    }
}
