package dev.gridexec.kernel.api;

/**
 * Implemented by a kernel whose instances make costly state of their own before they can run (an interpreter, a
 * large table): a node then makes one slot of the kernel when it starts, calls {@link #warmUp()} on the instance in
 * it, and keeps that slot warm, so that the first job asking for the kernel finds it ready rather than waiting.
 * Kernels that are cheap to make need not implement it.
 */
public interface WarmUp {

    /** Makes the instance's costly state now. Runs once per slot, before any job, on a thread of the node's. */
    void warmUp();
}
