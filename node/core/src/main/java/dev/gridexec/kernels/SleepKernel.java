package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import java.util.List;

/**
 * The {@code sleep} kernel: every chunk waits {@code millis} milliseconds, outside the execution model's lock.
 *
 * <p>Design notes. The wait goes through {@link ChunkContext#blocking}, which releases the {@code gil} (or
 * slot) lock around it as CPython releases the GIL around I/O, and interrupts it when the job is
 * cancelled. So this kernel shows how the models overlap waiting, not computing. It always makes exactly
 * the chunks asked for; the result counts those that ran.
 */
public final class SleepKernel
        implements Kernel<SleepKernel.Params, SleepKernel.Nap, SleepKernel.Slept, SleepKernel.Result> {

    /** The longest accepted wait: one hour. */
    static final long MAX_MILLIS = 3_600_000L;

    /** Validated params: each chunk waits {@code millis} milliseconds. */
    public record Params(long millis) {
    }

    /** One chunk: number {@code index}. */
    public record Nap(int index) {
    }

    /** One chunk's output: it ran (always 1). */
    public record Slept(long chunks) {
    }

    /** The result: how many chunks ran. */
    public record Result(long chunks) {
    }


    @Override
    public Params params(ParamReader params) {
        return new Params(params.longParam("millis", 0, MAX_MILLIS));
    }

    @Override
    public List<Nap> split(Params params, SplitRequest request) {
        return request.indexed(Nap::new);
    }

    @Override
    public Slept run(Params params, Nap input, ChunkContext context) throws Exception {
        long millis = params.millis();
        context.blocking(() -> {
            Thread.sleep(millis);
            return null;
        });
        return new Slept(1);
    }

    @Override
    public Result reduce(Params params, List<Slept> outputs) {
        return new Result(Chunks.sum(outputs, Slept::chunks));
    }
}
