package dev.gridexec.scheduler;

import dev.gridexec.wire.Task;

/**
 * A job's kernel as the scheduler needs it: something that splits the job and, through the split, reduces it. A
 * built-in kernel runs in this process ({@link InProcessKernel}); a jar kernel, on a cluster, runs on a node
 * ({@code members/NodeKernels}), so that the coordinator never runs user code. Held by its job until the job ends.
 */
public interface JobKernel extends AutoCloseable {

    /**
     * Splits {@code task} into at most its chunks. Called off the job's monitor; may take up to the kernel-call timeout.
     *
     * @throws KernelCallException when the kernel failed (or did not return in time) on the node that ran it
     * @throws RuntimeException    whatever an in-process kernel throws (so may an {@link Error})
     */
    KernelSplit split(Task task);

    /** Lets go of what the kernel holds (an artifact's lease). Idempotent. */
    @Override
    void close();
}
