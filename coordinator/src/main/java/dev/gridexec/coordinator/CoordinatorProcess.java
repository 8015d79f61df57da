package dev.gridexec.coordinator;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.api.ApiVerticle;
import dev.gridexec.artifacts.ArtifactCache;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.health.MetricsRegistry;
import dev.gridexec.jobs.JobService;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running coordinator: a Hazelcast lite member, the scheduler and job store over it, and the HTTP API. */
public final class CoordinatorProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorProcess.class);
    /** How long a stopping coordinator waits for its chunks in flight before it leaves (the adopter runs the rest again). */
    static final java.time.Duration HAND_OVER_WAIT = java.time.Duration.ofSeconds(20);

    private final HazelcastInstance hazelcast;
    private final boolean ownsHazelcast;
    private final KernelResolver kernels;
    private final boolean ownsKernels; // false when the kernels are shared with a node in this process
    private final ClusterJobService service;
    private final MetricsRegistry metrics = new MetricsRegistry();
    private final Vertx vertx;
    private final ApiVerticle api;
    private final String url;

    private CoordinatorProcess(CoordinatorSettings settings, KernelCatalog catalog, KernelResolver sharedKernels,
                               HazelcastInstance shared) throws Exception {
        this.ownsHazelcast = shared == null;
        this.hazelcast = shared != null ? shared : Hazelcast.newHazelcastInstance(ClusterConfigs.member(settings.cluster(),
                "gridexec-" + settings.name(), true, MemberAttributes.coordinator(settings.name())));
        this.ownsKernels = sharedKernels == null;
        this.kernels = sharedKernels != null ? sharedKernels
                : new KernelResolver(catalog, new ArtifactCache(new HazelcastArtifactStore(this::hazelcast)));
        try {
            this.service = new ClusterJobService(hazelcast, kernels, settings.retention(), settings.scheduling(), settings.name(),
                    settings.maxInlineResult());
        } catch (RuntimeException e) { // e.g. another coordinator of this name: leave nothing running behind
            if (ownsKernels) {
                kernels.close();
            }
            if (ownsHazelcast) {
                hazelcast.shutdown();
            }
            throw e;
        }
        // Vert.x's HTTP server series (vertx_http_server_*) go to the registry that /metrics shows.
        this.vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
        this.api = new ApiVerticle(service, settings.api(), metrics);
        try {
            vertx.deployVerticle(api).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            close();
            throw new IllegalStateException("the HTTP API did not start on " + settings.httpHost() + ":" + settings.httpPort()
                    + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.toString()), e);
        }
        this.url = "http://" + settings.httpHost() + ":" + api.actualPort();
        LOG.info("coordinator {} serving {} for cluster {}{}", settings.name(), url, settings.cluster().clusterName(),
                settings.token().isPresent() ? "; the API asks for a token" : "");
        if (settings.token().isEmpty() && !isLoopback(settings.httpHost())) {
            LOG.warn("the HTTP API on {} has no token: whoever reaches it can run jobs on the nodes;"
                    + " set one with --token-file or GRIDEXEC_TOKEN (README: Security)", settings.httpHost());
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Starts a coordinator with its own lite member. */
    public static CoordinatorProcess start(CoordinatorSettings settings, KernelCatalog catalog) throws Exception {
        return new CoordinatorProcess(settings, catalog, null, null);
    }

    /**
     * Starts a coordinator on a node's member in this process, sharing the node's kernels: one artifact
     * cache (and so one loader per artifact) for the process. The node closes {@code kernels}.
     */
    public static CoordinatorProcess startOn(HazelcastInstance member, CoordinatorSettings settings, KernelResolver kernels)
            throws Exception {
        return new CoordinatorProcess(settings, kernels.catalog(), kernels, member);
    }

    private HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return url;
    }

    /** The coordinator's job service. */
    public JobService service() {
        return service;
    }

    /**
     * Stops serving, hands this coordinator's jobs over (another coordinator, or this one's next start, adopts them
     * without running a finished chunk again; see {@link ClusterJobService#handOver}), and leaves the cluster.
     */
    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        service.handOver(HAND_OVER_WAIT);
        service.close();
        metrics.close();
        if (ownsKernels) {
            kernels.close();
        }
        if (ownsHazelcast) {
            hazelcast.shutdown();
        }
    }
}
