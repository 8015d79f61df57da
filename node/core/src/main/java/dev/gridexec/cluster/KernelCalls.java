package dev.gridexec.cluster;

import dev.gridexec.task.Task;

/**
 * Where a node runs the calls of a job's kernel that are not chunks: the params check at submission, the split and the
 * reduce. Each call resolves the task's kernel itself and answers in plain values ({@link KernelAnswer}): params
 * problems, encoded inputs, a result as JSON text. {@link NodeService} runs every call on a bounded pool of its own,
 * with the coordinator's timeout, whatever the implementation.
 *
 * <p>This is where a process sandbox plugs in: {@link InProcessKernelCalls} runs the kernel in the node's JVM; an
 * implementation that sends the same three calls to a child JVM (and kills it when a call times out) replaces it in
 * {@code node/NodeProcess}, and nothing on the coordinator changes.
 */
public interface KernelCalls {

    /** The kernel's {@code params} (and its mode restriction) on {@code task}'s params: OK with the kernel's full name, or PROBLEMS. */
    KernelAnswer check(Task task);

    /** The kernel's split of {@code task}: OK with the encoded inputs (at most {@code task.chunks()}, at least one), else FAILED. */
    KernelAnswer split(Task task);

    /** The kernel's reduce of {@code outputs} (encoded, in chunk order): OK with the result as JSON text, else FAILED. */
    KernelAnswer reduce(Task task, byte[][] outputs);
}
