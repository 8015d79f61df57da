package dev.gridexec.cluster;

import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.catalog.UnresolvedKernelException;
import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.runtime.KernelCallWork;
import dev.gridexec.runtime.sandbox.SandboxCalls;
import dev.gridexec.runtime.sandbox.SandboxSettings;
import dev.gridexec.wire.Task;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@link KernelCalls} of a node whose sandbox is on ({@code sandbox=jars}, the default): a jar kernel's params check,
 * split and reduce run in a warm child process of the node ({@link SandboxCalls}: a few children of their own, one
 * call at a time in each), as its chunks do; a built-in kernel's run here ({@link InProcessKernelCalls}). The node
 * resolves the jar kernel (its class is loaded, never initialised here) and holds its artifact's lease while the
 * child reads the jar. A call that runs past the node's timeout ({@link KernelCallRunner} interrupts it) destroys its
 * child; a child that dies fails the call naming its exit status or signal. Closing it destroys the children.
 */
public final class SandboxedKernelCalls implements KernelCalls {

    private final KernelResolver kernels;
    private final InProcessKernelCalls builtIn;
    private final SandboxCalls sandbox;

    /**
     * @param nodeName the node's name, for its children's
     * @param settings the node's sandbox settings (the children's heap and idle timeout)
     * @param children the most children running calls at once ({@link SandboxCalls#childrenFor})
     */
    public SandboxedKernelCalls(KernelResolver kernels, String nodeName, SandboxSettings settings, int children) {
        this.kernels = kernels;
        this.builtIn = new InProcessKernelCalls(kernels);
        this.sandbox = new SandboxCalls(nodeName, settings, children);
    }

    /** The children's process handles, for tests. */
    java.util.List<ProcessHandle> processes() {
        return sandbox.processes();
    }

    /** Idle warm children now, for tests. */
    int warm() {
        return sandbox.warm();
    }

    @Override
    public void close() {
        sandbox.close();
    }

    @Override
    public KernelAnswer check(Task task) {
        return task.artifact() == null ? builtIn.check(task) : inChild(task, true, jar -> sandbox.check(task, jar));
    }

    @Override
    public KernelAnswer split(Task task) {
        return task.artifact() == null ? builtIn.split(task) : inChild(task, false, jar -> sandbox.split(task, jar));
    }

    @Override
    public KernelAnswer reduce(Task task, byte[][] outputs) {
        return task.artifact() == null ? builtIn.reduce(task, outputs)
                : inChild(task, false, jar -> sandbox.reduce(task, jar, outputs));
    }

    private KernelAnswer inChild(Task task, boolean check, Function<Path, KernelAnswer> call) {
        ResolvedKernel kernel;
        try {
            kernel = kernels.resolve(task);
        } catch (UnresolvedKernelException e) {
            return KernelCallWork.unresolved(check, e);
        }
        try (kernel) {
            return call.apply(kernel.artifact().orElseThrow().jarFile());
        }
    }
}
