package dev.gridexec.kernel.api;

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
}
