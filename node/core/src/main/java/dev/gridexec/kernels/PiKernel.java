package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.List;

/**
 * The {@code pi} kernel: estimates π by throwing {@code samples} random points at the unit square.
 *
 * <p>Design notes. Chunk {@code i} of {@code k} throws {@code samples / k} points, the first
 * {@code samples % k} chunks one more (and never more chunks than samples). Each chunk draws from its own
 * SplitMix64 generator (Steele, Lea and Flood 2014; see {@link SplitMix64}:
 * {@code state += 0x9E3779B97F4A7C15L; return mix64(state)}) whose initial state is
 * {@code mix64(seed + 0x9E3779B97F4A7C15L * (chunkIndex + 1))}, where {@code seed} is the task's seed. A point is {@code x = (next() >>> 11) * 0x1.0p-53}, then {@code y} likewise, and it is
 * inside when {@code x * x + y * y <= 1.0}. The estimate is {@code 4.0 * inside / samples}. So for a fixed
 * seed the result depends on the chunk count only, never on the workers or the order. Checkpoint every
 * {@value #BLOCK} points.
 */
public final class PiKernel implements Kernel<PiKernel.Params, PiKernel.Slice, PiKernel.Hits, PiKernel.Result> {

    /** The largest accepted {@code samples}. */
    static final long MAX_SAMPLES = 1_000_000_000_000L;

    /** Points thrown between checkpoints. */
    static final int BLOCK = 4096;

    /** Validated params: throw {@code samples} points. */
    public record Params(long samples) {
    }

    /** One chunk: throw {@code samples} points from generator number {@code index} of the task {@code seed}. */
    public record Slice(int index, long samples, long seed) {
    }

    /** One chunk's output: {@code inside} of its {@code samples} points fell inside the quarter circle. */
    public record Hits(long inside, long samples) {
    }

    /** The result: {@code inside} of {@code samples} points fell inside, so π ≈ {@code estimate}. */
    public record Result(long inside, long samples, double estimate) {
    }


    @Override
    public Params params(ParamReader params) {
        return new Params(params.longParam("samples", 1, MAX_SAMPLES));
    }

    @Override
    public List<Slice> split(Params params, SplitRequest request) {
        return Chunks.contiguous(params.samples(), request.chunks(), (i, from, to) -> new Slice(i, to - from, request.seed()));
    }

    @Override
    public Hits run(Params params, Slice input, ChunkContext context) {
        SplitMix64 random = new SplitMix64(initialState(input.seed(), input.index()));
        long inside = 0;
        long left = input.samples();
        while (left > 0) {
            context.checkpoint();
            int block = (int) Math.min(left, BLOCK);
            for (int i = 0; i < block; i++) {
                double x = random.nextDouble();
                double y = random.nextDouble();
                if (x * x + y * y <= 1.0) {
                    inside++;
                }
            }
            left -= block;
        }
        return new Hits(inside, input.samples());
    }

    @Override
    public Result reduce(Params params, List<Hits> outputs) {
        long inside = Chunks.sum(outputs, Hits::inside);
        long samples = Chunks.sum(outputs, Hits::samples);
        return new Result(inside, samples, 4.0 * inside / samples);
    }

    /** The initial state of chunk {@code index}'s generator. */
    static long initialState(long seed, int index) {
        return SplitMix64.mix64(seed + SplitMix64.GOLDEN_GAMMA * (index + 1L));
    }
}
