package dev.gridexec.testkernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.kernel.api.WarmUp;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.util.List;

/**
 * The {@link CountingKernel} with a {@link WarmUp} and a {@code close}: each warm-up is counted on
 * {@link ProbeBoard#WARM_UPS} (and fails while {@link ProbeBoard#failWarmUp} is set), each close on
 * {@link ProbeBoard#KERNELS_CLOSED}, so that tests see which slots a node made ahead of its jobs and closed.
 */
public final class WarmingKernel implements Kernel<CountingKernel.Params, CountingKernel.Input, CountingKernel.Output, Long>,
        WarmUp, AutoCloseable {

    private final CountingKernel counting = new CountingKernel();

    @Override
    public void warmUp() {
        if (ProbeBoard.failWarmUp) {
            throw new IllegalStateException("this kernel cannot warm up (test)");
        }
        ProbeBoard.WARM_UPS.incrementAndGet();
    }

    /** Counted on {@link ProbeBoard#KERNELS_CLOSED}: a slot closes its kernel when it closes. */
    @Override
    public void close() {
        ProbeBoard.KERNELS_CLOSED.incrementAndGet();
    }

    @Override
    public CountingKernel.Params params(ParamReader params) {
        return counting.params(params);
    }

    @Override
    public List<CountingKernel.Input> split(CountingKernel.Params params, SplitRequest request) {
        return counting.split(params, request);
    }

    @Override
    public CountingKernel.Output run(CountingKernel.Params params, CountingKernel.Input input, ChunkContext context) {
        return counting.run(params, input, context);
    }

    @Override
    public Long reduce(CountingKernel.Params params, List<CountingKernel.Output> outputs) {
        return counting.reduce(params, outputs);
    }
}
