package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code matmul} kernel: multiplies two pseudorandom n×n matrices of doubles and sums the product.
 *
 * <p>Design notes. Nothing large travels: every element is a hash of where it is. With {@code mix64} the
 * SplitMix64 finaliser (see {@link SplitMix64}), {@code seed} the task's seed and {@code matrix} 0 for A
 * and 1 for B, element {@code [i][j]} is
 * <pre>
 *   matrixKey = mix64(seed + 0x9E3779B97F4A7C15L * (matrix + 1))
 *   rowKey    = mix64(matrixKey + i)
 *   h         = mix64(rowKey + j)
 *   value     = ((h &gt;&gt;&gt; 11) * 0x1.0p-53) * 2 - 1        (a double in [-1, 1))
 * </pre>
 * Chunks are contiguous row blocks of C = A·B. A chunk regenerates all of B and, one at a time, its rows
 * of A, and computes each row of C with the i-k-j loop ({@code c[j] += a[i][k] * b[k][j]} for k, then j),
 * so every element of C is summed over k in order whatever the chunking. Its output is the sum of each
 * of its rows of C, left to right; {@link #reduce} folds all row sums, in row order, left to right, so the
 * checksum is bit-for-bit the same for any chunk count. Checkpoint per row of B generated and per k.
 */
public final class MatmulKernel
        implements Kernel<MatmulKernel.Params, MatmulKernel.Block, MatmulKernel.RowSums, MatmulKernel.Result> {

    /** The largest accepted {@code n}. */
    static final int MAX_N = 4096;

    /** Validated params: multiply two {@code n}×{@code n} matrices. */
    public record Params(int n) {
    }

    /** One chunk: the rows {@code [from, to)} of C, for the matrices of the task {@code seed}. */
    public record Block(int from, int to, long seed) {
    }

    /** One chunk's output: the sum of each of its rows of C, in row order. */
    public record RowSums(double[] sums) {
    }

    /** The result: the sum of all elements of C, as the row sums folded in row order. */
    public record Result(double checksum) {
    }


    @Override
    public Params params(ParamReader params) {
        return new Params(params.intParam("n", 1, MAX_N));
    }

    @Override
    public List<Block> split(Params params, SplitRequest request) {
        return Chunks.contiguous(params.n(), request.chunks(), (i, from, to) -> new Block((int) from, (int) to, request.seed()));
    }

    @Override
    public RowSums run(Params params, Block input, ChunkContext context) {
        int n = params.n();
        double[][] b = new double[n][];
        for (int k = 0; k < n; k++) {
            context.checkpoint();
            b[k] = row(input.seed(), 1, k, n);
        }
        double[] sums = new double[input.to() - input.from()];
        double[] c = new double[n];
        for (int i = input.from(); i < input.to(); i++) {
            double[] a = row(input.seed(), 0, i, n);
            Arrays.fill(c, 0.0);
            for (int k = 0; k < n; k++) {
                context.checkpoint();
                double aik = a[k];
                double[] bk = b[k];
                for (int j = 0; j < n; j++) {
                    c[j] += aik * bk[j];
                }
            }
            double sum = 0.0;
            for (int j = 0; j < n; j++) {
                sum += c[j];
            }
            sums[i - input.from()] = sum;
        }
        return new RowSums(sums);
    }

    @Override
    public Result reduce(Params params, List<RowSums> outputs) {
        double checksum = 0.0;
        for (RowSums output : outputs) {
            for (double sum : output.sums()) {
                checksum += sum;
            }
        }
        return new Result(checksum);
    }

    /** Row {@code i} of matrix {@code matrix} (0 for A, 1 for B), as the class comment defines it. */
    static double[] row(long seed, int matrix, int i, int n) {
        long matrixKey = SplitMix64.mix64(seed + SplitMix64.GOLDEN_GAMMA * (matrix + 1));
        long rowKey = SplitMix64.mix64(matrixKey + i);
        double[] row = new double[n];
        for (int j = 0; j < n; j++) {
            row[j] = SplitMix64.toUnit(SplitMix64.mix64(rowKey + j)) * 2 - 1;
        }
        return row;
    }
}
