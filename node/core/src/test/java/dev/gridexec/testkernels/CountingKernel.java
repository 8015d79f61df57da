package dev.gridexec.testkernels;

import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.kernel.api.SplitRequest;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A kernel for tests that counts its instances per class loader (one loader per slot): each chunk answers
 * which static state it saw, how many instances its loader has made so far, and which instance ran it. Each
 * new loader is noted on {@link ProbeBoard#LOADERS}, so that tests can watch evicted slots' loaders go.
 */
public final class CountingKernel implements Kernel<CountingKernel.Params, CountingKernel.Input, CountingKernel.Output, Long> {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** This class's static state: its identity hash tells slots apart. */
    private static final Object STATE = new Object();

    static {
        ProbeBoard.LOADERS.add(new WeakReference<>(CountingKernel.class.getClassLoader()));
    }

    private final int instance = INSTANCES.incrementAndGet();

    /** Instances this class (as its loader defines it) has made so far. */
    public static int instances() {
        return INSTANCES.get();
    }

    public record Params(int unused) {
    }

    public record Input(int chunk) {
    }

    /**
     * @param state     identity of the static state the chunk saw
     * @param instances instances its class loader had made when the chunk ran
     * @param instance  which of them ran the chunk (1 = the first)
     */
    public record Output(int state, int instances, int instance) {
    }

    @Override
    public Params params(ParamReader params) {
        return new Params(params.intParam("unused", 0, 1, 0));
    }

    @Override
    public List<Input> split(Params params, SplitRequest request) {
        return request.indexed(Input::new);
    }

    @Override
    public Output run(Params params, Input input, ChunkContext context) {
        return new Output(System.identityHashCode(STATE), INSTANCES.get(), instance);
    }

    @Override
    public Long reduce(Params params, List<Output> outputs) {
        return (long) outputs.size();
    }
}
