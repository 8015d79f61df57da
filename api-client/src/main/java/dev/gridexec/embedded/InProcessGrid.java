package dev.gridexec.embedded;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.scheduler.LocalMember;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.task.TaskDefaults;
import java.util.List;

/**
 * One node runtime behind the scheduler in this process, without Hazelcast or HTTP: what {@code client
 * bench} measures, so that in-node scaling is not mixed with cluster overhead. {@code client submit}'s
 * embedded default is {@link LocalCoordinator}; {@link EmbeddedCluster} is the same with Hazelcast and HTTP.
 */
public final class InProcessGrid implements AutoCloseable {

    private final KernelCatalog catalog;
    private final Scheduler scheduler;

    public InProcessGrid(KernelCatalog catalog) {
        this.catalog = catalog;
        this.scheduler = new Scheduler(catalog, List.of(new LocalMember(new NodeRuntime("embedded-0", catalog))));
    }

    /** The scheduler jobs are submitted to. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The kernels this grid knows. */
    public KernelCatalog catalog() {
        return catalog;
    }

    /** Defaults for fields a task leaves out: this machine's processors, one node. */
    public TaskDefaults defaults() {
        return TaskDefaults.builtIn(Runtime.getRuntime().availableProcessors(), scheduler.memberCount());
    }

    @Override
    public void close() {
        scheduler.close();
    }
}
