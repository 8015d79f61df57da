package dev.gridexec.runtime;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.task.Task;

/** Everything that runs chunks inside one node: it opens a job's execution model as the task asks. */
public final class NodeRuntime {

    private final String name;
    private final KernelResolver kernels;

    /** A node that runs the catalog's kernels only. */
    public NodeRuntime(String name, KernelCatalog catalog) {
        this(name, KernelResolver.withoutArtifacts(catalog));
    }

    /** A node that runs the kernels {@code kernels} resolves, those in uploaded artifacts included. */
    public NodeRuntime(String name, KernelResolver kernels) {
        this.name = name;
        this.kernels = kernels;
    }

    /** The node's name, as placements report it. */
    public String name() {
        return name;
    }

    /**
     * Opens {@code task}'s execution model (its slots start here). The task must be valid. The session holds
     * the kernel's artifact, if any, until its model has stopped.
     */
    public JobSession open(String jobId, Task task) {
        ResolvedKernel source = kernels.resolve(task);
        try {
            Kernel<Object, Object, Object, Object> kernel = source.newInstance();
            ParamReader reader = new ParamReader(task.params());
            Object params = kernel.params(reader);
            if (!reader.ok()) {
                throw new IllegalArgumentException("invalid params reached the node: " + reader.problems());
            }
            JobScope scope = new JobScope(jobId, source, kernel, params, task.params(), task.seed(), new Cancellation());
            ModelSettings settings = new ModelSettings(task.mode(), task.workers(), task.threadsPerSlot(), task.switchIntervalMs());
            return new JobSession(scope, ExecutionModel.start(settings, scope));
        } catch (RuntimeException | Error e) {
            source.close();
            throw e;
        }
    }
}
