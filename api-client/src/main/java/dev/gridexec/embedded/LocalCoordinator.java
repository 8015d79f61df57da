package dev.gridexec.embedded;

import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.coordinator.StoredJobService;
import dev.gridexec.jobstore.MemoryJobStore;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.scheduler.LocalMember;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.task.TaskDefaults;
import java.util.List;

/**
 * The embedded default of {@code client submit}: the coordinator's scheduler over one node runtime in this
 * process ({@link LocalMember}), with no Hazelcast member, no network cluster and no cluster name. Jobs
 * run through the same scheduler and node runtime as on a cluster; uploaded jars live in this process's
 * memory. No HTTP either: the client calls {@link #jobs()}, the service the API would call.
 */
public final class LocalCoordinator implements AutoCloseable {

    /** The node's name, as placements report it. */
    public static final String NODE = "embedded-0";
    /** How long ended jobs' records are kept (this process rarely lives that long). */
    private static final java.time.Duration RETENTION = java.time.Duration.ofHours(1);

    private final KernelResolver kernels;
    private final NodeRuntime node;
    private final Scheduler scheduler;
    private final StoredJobService jobs;

    private LocalCoordinator(KernelCatalog catalog) {
        this.kernels = new KernelResolver(catalog, new ArtifactCache(new InMemoryArtifactStore()));
        this.node = new NodeRuntime(NODE, kernels);
        this.scheduler = new Scheduler(kernels, List.of(new LocalMember(node)));
        this.jobs = new StoredJobService(scheduler, new MemoryJobStore(RETENTION), LocalCoordinator::defaults, this::nodes);
    }

    /** Starts the scheduler and its node runtime in this process: no sockets, and no threads until a job asks. */
    public static LocalCoordinator start(KernelCatalog catalog) {
        return new LocalCoordinator(catalog);
    }

    /** Defaults for fields a task leaves out: this machine's processors as workers, one node. */
    public static TaskDefaults defaults() {
        return TaskDefaults.builtIn(processors(), 1);
    }

    /** The job service, reached in-process (what the HTTP API would call). */
    public JobService jobs() {
        return jobs;
    }

    private List<NodeInfo> nodes() {
        int running = (int) scheduler.jobs().stream().filter(job -> !job.ended()).count();
        return List.of(new NodeInfo(NODE, "in-process", processors(), node.capacity(), version(), running).withLoad(node.load()));
    }

    private static String version() {
        String version = LocalCoordinator.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static int processors() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Cancels running jobs and releases uploaded jars. */
    @Override
    public void close() {
        scheduler.close();
        node.close();
        kernels.close();
    }
}
