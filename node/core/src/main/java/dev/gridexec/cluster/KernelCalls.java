package dev.gridexec.cluster;

import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.wire.Task;

/**
 * Where a node runs the calls of a job's kernel that are not chunks: the params check at submission, the split and the
 * reduce. Each call resolves the task's kernel itself and answers in plain values ({@link KernelAnswer}): params
 * problems, encoded inputs, a result as JSON text. {@link NodeService} runs every call on a bounded pool of its own,
 * with the coordinator's timeout, whatever the implementation.
 *
 * <p>Two implementations, both running {@code runtime/KernelCallWork} (the one way to check, split and reduce):
 * {@link InProcessKernelCalls} runs the kernel in the node's JVM (a node with {@code sandbox=off}, and built-in
 * kernels); {@link SandboxedKernelCalls}, what {@code node/NodeProcess} uses with {@code sandbox=jars} (the default),
 * sends a jar kernel's calls to a warm child process of the node and destroys the child when the call is interrupted
 * (its timeout) or fails the call naming the child's exit status when it dies. An implementation must return
 * promptly once its thread is interrupted. Nothing on the coordinator depends on which one runs.
 */
public interface KernelCalls extends AutoCloseable {

    /** The kernel's {@code params} (and its mode restriction) on {@code task}'s params: OK with the kernel's full name, or PROBLEMS. */
    KernelAnswer check(Task task);

    /** The kernel's split of {@code task}: OK with the encoded inputs (at most {@code task.chunks()}, at least one), else FAILED. */
    KernelAnswer split(Task task);

    /** The kernel's reduce of {@code outputs} (encoded, in chunk order): OK with the result as JSON text, else FAILED. */
    KernelAnswer reduce(Task task, byte[][] outputs);

    /** Releases what the calls hold (child processes); {@link NodeService} closes it with the node. Nothing by default. */
    @Override
    default void close() {
    }
}
