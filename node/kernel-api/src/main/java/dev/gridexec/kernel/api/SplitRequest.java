package dev.gridexec.kernel.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * What {@link Kernel#split} is asked for.
 *
 * @param chunks the number of chunks wanted; a kernel may return fewer when its work has fewer natural pieces
 * @param seed   the task's seed, for kernels that draw random numbers
 */
public record SplitRequest(int chunks, long seed) {
    public SplitRequest {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be at least 1, got " + chunks);
        }
    }

    /**
     * Exactly {@link #chunks()} chunk inputs, chunk {@code i}'s made by {@code input} from {@code i}: the whole split
     * of a kernel whose chunks differ only by their index.
     */
    public <I> List<I> indexed(IntFunction<? extends I> input) {
        List<I> inputs = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            inputs.add(input.apply(i));
        }
        return inputs;
    }
}
