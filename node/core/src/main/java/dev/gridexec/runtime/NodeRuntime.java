package dev.gridexec.runtime;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelEntry;
import dev.gridexec.kernel.api.Kernel;
import dev.gridexec.kernel.api.ParamReader;
import dev.gridexec.task.Task;

/** Everything that runs chunks inside one node: it opens a job's execution model as the task asks. */
public final class NodeRuntime {

    private final String name;
    private final KernelCatalog catalog;

    public NodeRuntime(String name, KernelCatalog catalog) {
        this.name = name;
        this.catalog = catalog;
    }

    /** The node's name, as placements report it. */
    public String name() {
        return name;
    }

    /** Opens {@code task}'s execution model (its slots start here). The task must be valid. */
    public JobSession open(String jobId, Task task) {
        KernelEntry entry = catalog.find(task.kernel())
                .orElseThrow(() -> new IllegalArgumentException("unknown kernel " + task.kernel()));
        Kernel<Object, Object, Object, Object> kernel = entry.newInstance();
        ParamReader reader = new ParamReader(task.params());
        Object params = kernel.params(reader);
        if (!reader.ok()) {
            throw new IllegalArgumentException("invalid params reached the node: " + reader.problems());
        }
        JobScope scope = new JobScope(jobId, entry, kernel, params, task.params(), task.seed(), new Cancellation());
        ModelSettings settings = new ModelSettings(task.mode(), task.workers(), task.threadsPerSlot(), task.switchIntervalMs());
        return new JobSession(scope, ExecutionModel.start(settings, scope));
    }
}
