package dev.gridexec.embedded;

import dev.gridexec.api.ApiSettings;
import dev.gridexec.api.ApiVerticle;
import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.InMemoryArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.coordinator.JobService;
import dev.gridexec.coordinator.NodeInfo;
import dev.gridexec.coordinator.SchedulerJobService;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.scheduler.LocalMember;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.task.TaskDefaults;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded default of {@code client submit}: the coordinator's scheduler over one node runtime in this
 * process ({@link LocalMember}), with no Hazelcast member, no network cluster and no cluster name. Jobs
 * run through the same scheduler and node runtime as on a cluster; uploaded jars live in this process's
 * memory. Its HTTP API (Vert.x, 127.0.0.1, an ephemeral port) starts only when {@link #url()} is first
 * asked for: {@link #jobs()} reaches the same service directly.
 */
public final class LocalCoordinator implements AutoCloseable {

    /** The node's name, as placements report it. */
    public static final String NODE = "embedded-0";

    private final KernelResolver kernels;
    private final Scheduler scheduler;
    private final SchedulerJobService jobs;
    private Vertx vertx; // guarded by this
    private ApiVerticle api; // guarded by this

    private LocalCoordinator(KernelCatalog catalog) {
        this.kernels = new KernelResolver(catalog, new ArtifactCache(new InMemoryArtifactStore()));
        this.scheduler = new Scheduler(kernels, List.of(new LocalMember(new NodeRuntime(NODE, kernels))));
        this.jobs = new SchedulerJobService(scheduler, defaults(), this::nodes);
    }

    /** Starts the scheduler and its node runtime in this process: no threads or sockets until a job or {@link #url()} asks. */
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

    /** The URL of this coordinator's HTTP API on 127.0.0.1, started on the first call. */
    public synchronized String url() throws InterruptedException {
        if (api == null) {
            Vertx started = Vertx.vertx();
            ApiVerticle verticle = new ApiVerticle(jobs, new ApiSettings("127.0.0.1", 0, ApiSettings.DEFAULT_MAX_BODY_BYTES,
                    ApiSettings.DEFAULT_MAX_ARTIFACT_BYTES));
            try {
                started.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                started.close();
                throw new IllegalStateException("the embedded HTTP API did not start on 127.0.0.1: "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.toString()), e);
            }
            vertx = started;
            api = verticle;
        }
        return "http://127.0.0.1:" + api.actualPort();
    }

    private List<NodeInfo> nodes() {
        int running = (int) scheduler.jobs().stream().filter(job -> !job.ended()).count();
        return List.of(new NodeInfo(NODE, "in-process", processors(), processors(), version(), running));
    }

    private static String version() {
        String version = LocalCoordinator.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static int processors() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Cancels running jobs, stops the HTTP API if it was started, and releases uploaded jars. */
    @Override
    public void close() {
        synchronized (this) {
            if (vertx != null) {
                try {
                    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // the process is ending; nothing listens beyond it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                vertx = null;
            }
        }
        scheduler.close();
        kernels.close();
    }
}
