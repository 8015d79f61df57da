package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.List;

/**
 * The {@code spin} kernel: next to no work per chunk, to measure what dispatching a chunk costs.
 *
 * <p>Design notes. Each of exactly the chunks asked for runs {@code iterations} turns of
 * {@code sum += i ^ (i >>> 3)} for {@code i = 0, 1, …} (long arithmetic, wrapping), with a checkpoint
 * every {@value #BLOCK} turns; {@link #reduce} adds the chunks' sums.
 */
public final class SpinKernel implements Kernel<SpinKernel.Params, SpinKernel.Turn, SpinKernel.Sum, SpinKernel.Result> {

    /** The largest accepted {@code iterations}. */
    static final long MAX_ITERATIONS = 1_000_000_000L;

    /** Turns between checkpoints. */
    static final int BLOCK = 4096;

    /** Validated params: each chunk turns {@code iterations} times. */
    public record Params(long iterations) {
    }

    /** One chunk: number {@code index}. */
    public record Turn(int index) {
    }

    /** One chunk's output: its loop's sum. */
    public record Sum(long sum) {
    }

    /** The result: the chunks' sums added up. */
    public record Result(long sum) {
    }


    @Override
    public Params params(ParamReader params) {
        return new Params(params.longParam("iterations", 0, MAX_ITERATIONS));
    }

    @Override
    public List<Turn> split(Params params, SplitRequest request) {
        return request.indexed(Turn::new);
    }

    @Override
    public Sum run(Params params, Turn input, ChunkContext context) {
        long iterations = params.iterations();
        long sum = 0;
        for (long from = 0; from < iterations; from += BLOCK) {
            context.checkpoint();
            long to = Math.min(iterations, from + BLOCK);
            for (long i = from; i < to; i++) {
                sum += i ^ (i >>> 3);
            }
        }
        return new Sum(sum);
    }

    @Override
    public Result reduce(Params params, List<Sum> outputs) {
        return new Result(Chunks.sum(outputs, Sum::sum));
    }
}
