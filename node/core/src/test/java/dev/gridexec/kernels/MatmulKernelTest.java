package dev.gridexec.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class MatmulKernelTest {

    private final MatmulKernel kernel = new MatmulKernel();

    /** Element [i][j] of matrix 0 (A) or 1 (B), as the class Javadoc documents it. */
    private static double element(long seed, int matrix, int i, int j) {
        long matrixKey = SplitMix64.mix64(seed + 0x9E3779B97F4A7C15L * (matrix + 1));
        long rowKey = SplitMix64.mix64(matrixKey + i);
        long h = SplitMix64.mix64(rowKey + j);
        return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
    }

    /** The checksum computed naively: each C[i][j] summed over k in order, rows summed left to right, then folded. */
    private static double reference(int n, long seed) {
        double checksum = 0;
        for (int i = 0; i < n; i++) {
            double rowSum = 0;
            for (int j = 0; j < n; j++) {
                double c = 0;
                for (int k = 0; k < n; k++) {
                    c += element(seed, 0, i, k) * element(seed, 1, k, j);
                }
                rowSum += c;
            }
            checksum += rowSum;
        }
        return checksum;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64})
    void checksumIsBitForBitTheSameForAnyChunkCount(int chunks) {
        assertThat(KernelRunner.run(kernel, Map.of("n", 50L), chunks, 7).checksum()).isEqualTo(reference(50, 7));
    }

    @Test
    void elementsAreDocumentedHashesInMinusOneToOne() {
        for (int i = 0; i < 20; i++) {
            double[] row = MatmulKernel.row(3, 1, i, 20);
            for (int j = 0; j < 20; j++) {
                assertThat(row[j]).isEqualTo(element(3, 1, i, j)).isBetween(-1.0, 1.0).isNotEqualTo(1.0);
            }
        }
        assertThat(MatmulKernel.row(3, 0, 5, 4)).isNotEqualTo(MatmulKernel.row(3, 1, 5, 4));
    }

    @Test
    void theSeedChoosesTheMatrices() {
        Map<String, Long> params = Map.of("n", 8L);
        assertThat(KernelRunner.run(kernel, params, 2, 1).checksum()).isNotEqualTo(KernelRunner.run(kernel, params, 2, 2).checksum());
    }

    @Test
    void neverMakesMoreChunksThanRows() {
        assertThat(KernelRunner.split(kernel, new MatmulKernel.Params(2), 64, 9))
                .containsExactly(new MatmulKernel.Block(0, 1, 9), new MatmulKernel.Block(1, 2, 9));
    }
}
