package dev.gridexec.cluster;

import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.runtime.KernelCallWork;
import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.wire.Task;

/**
 * {@link KernelCalls} in this node's JVM: the kernel resolved as the node resolves it for chunks (its artifact's
 * shared loader), a new instance per call ({@link KernelCallWork}). What the kernel throws is the answer, never this
 * node's failure. A node with the sandbox on uses it for built-in kernels only ({@link SandboxedKernelCalls}).
 */
public final class InProcessKernelCalls implements KernelCalls {

    private final KernelResolver kernels;

    public InProcessKernelCalls(KernelResolver kernels) {
        this.kernels = kernels;
    }

    @Override
    public KernelAnswer check(Task task) {
        return KernelCallWork.check(kernels, task);
    }

    @Override
    public KernelAnswer split(Task task) {
        return KernelCallWork.split(kernels, task);
    }

    @Override
    public KernelAnswer reduce(Task task, byte[][] outputs) {
        return KernelCallWork.reduce(kernels, task, outputs);
    }
}
