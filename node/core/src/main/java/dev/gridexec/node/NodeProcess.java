package dev.gridexec.node;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.InProcessKernelCalls;
import dev.gridexec.cluster.KernelCalls;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.cluster.NodeService;
import dev.gridexec.cluster.SandboxedKernelCalls;
import dev.gridexec.health.HealthServer;
import dev.gridexec.health.MetricsRegistry;
import dev.gridexec.health.NodeMetrics;
import dev.gridexec.runtime.NodeRuntime;
import dev.gridexec.runtime.sandbox.SandboxCalls;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running node: a Hazelcast data member whose node service runs chunk batches, plus its health endpoint. */
public final class NodeProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);

    private final NodeSettings settings;
    private final KernelResolver kernels;
    private final NodeService service;
    private final HazelcastInstance hazelcast;
    private final HealthServer health;
    private final MetricsRegistry metrics = new MetricsRegistry();

    private NodeProcess(NodeSettings settings, KernelCatalog catalog) throws IOException {
        this.settings = settings;
        this.kernels = new KernelResolver(catalog, new ArtifactCache(new HazelcastArtifactStore(this::hazelcast)));
        NodeRuntime runtime = new NodeRuntime(settings.name(), kernels, settings.runtime());
        // with the sandbox on, a jar kernel's params, split and reduce run in the runtime's child processes, as its chunks
        KernelCalls calls = settings.runtime().sandbox().jars()
                ? new SandboxedKernelCalls(kernels, settings.name(), settings.runtime().sandbox(),
                        SandboxCalls.childrenFor(settings.workers()))
                : new InProcessKernelCalls(kernels);
        this.service = new NodeService(runtime, calls);

        service.observeChunks(new NodeMetrics(metrics.registry(), settings.name(), settings.workers(), service::runningJobs));
        Config config = ClusterConfigs.member(settings.cluster(), "gridexec-" + settings.name(), false,
                MemberAttributes.node(settings.name(), settings.workers(), settings.mode()));
        config.getUserContext().put(NodeService.KEY, service);
        this.hazelcast = Hazelcast.newHazelcastInstance(config);
        try {
            this.health = new HealthServer(settings.httpHost(), settings.httpPort(), this::notReady, metrics);
        } catch (IOException | RuntimeException e) {
            hazelcast.shutdown();
            kernels.close();
            metrics.close();
            throw e;
        }
        LOG.info("node {} joined cluster {} at {}; health on http://{}:{}/health/ready", settings.name(),
                settings.cluster().clusterName(), hazelcast.getCluster().getLocalMember().getAddress(),
                settings.httpHost(), health.port());
        runtime.prewarm(); // a python slot takes seconds to start: the node's first one is made now, not by a job
    }

    /** Starts a node and joins the cluster. */
    public static NodeProcess start(NodeSettings settings, KernelCatalog catalog) throws IOException {
        return new NodeProcess(settings, catalog);
    }

    /** The node's Hazelcast member. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** The node's kernels: the catalog's, and this process's cache of uploaded artifacts. */
    public KernelResolver kernels() {
        return kernels;
    }

    /** The port of the health endpoint. */
    public int healthPort() {
        return health.port();
    }

    /** Empty when the node is ready for work, else why not. */
    public Optional<String> notReady() {
        if (service.draining()) {
            return Optional.of("shutting down");
        }
        if (!hazelcast.getLifecycleService().isRunning()) {
            return Optional.of("not in the cluster");
        }
        if (hazelcast.getCluster().getMembers().stream().noneMatch(MemberAttributes::isCoordinator)) {
            // Cut off from the coordinators (a partition, a long pause), or none started yet: no work can come.
            return Optional.of("no coordinator in this node's view of the cluster");
        }
        return Optional.empty();
    }

    /**
     * Leaves gracefully: stop taking batches, let the running ones finish (up to the drain timeout), then
     * leave the cluster with Hazelcast's graceful shutdown, which hands this member's partitions (job
     * records' primaries and backups) to the others first.
     */
    @Override
    public void close() {
        try {
            boolean drained = service.drain(settings.drainTimeout());
            if (!drained) {
                LOG.warn("node {}: chunks still running after {}; leaving anyway, they will run elsewhere",
                        settings.name(), settings.drainTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        service.close();
        hazelcast.shutdown();
        health.close();
        metrics.close();
        kernels.close();
        LOG.info("node {} left the cluster", settings.name());
    }
}
