package dev.gridexec.scheduler;

import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.Task;

/** Makes a job's {@link JobKernel} when the scheduler accepts or adopts it. */
@FunctionalInterface
public interface JobKernels {

    /**
     * The kernel {@code task} names, ready to split it.
     *
     * @throws dev.gridexec.catalog.UnresolvedKernelException when the kernel cannot be found
     */
    JobKernel open(Task task);

    /** Every kernel in this process, resolved by {@code kernels} (built-ins; jar kernels in the embedded default and tests). */
    static JobKernels inProcess(KernelResolver kernels) {
        return task -> new InProcessKernel(kernels.resolve(task));
    }
}
