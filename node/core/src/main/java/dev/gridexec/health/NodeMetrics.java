package dev.gridexec.health;

import dev.gridexec.cluster.ChunkObserver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A node's own series: its capacity, the jobs it has open, and {@code gridexec_chunk_run_seconds}, a histogram
 * of chunk run times by kernel and mode (fed as a {@link ChunkObserver}).
 */
public final class NodeMetrics implements ChunkObserver {

    /** The histogram's buckets: 1 ms to 10 minutes, a few per decade (a bucket is a series per kernel and mode). */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10)};

    private final MeterRegistry registry;

    /**
     * @param node        the node's name (a tag on every series, so that a federated view can tell nodes apart)
     * @param workers     the node's capacity in workers
     * @param runningJobs how many jobs the node has open now
     */
    public NodeMetrics(MeterRegistry registry, String node, int workers, IntSupplier runningJobs) {
        this.registry = registry;
        Gauge.builder("gridexec.node.capacity.workers", () -> workers).tag("node", node)
                .description("Workers this node runs chunks on").register(registry);
        Gauge.builder("gridexec.node.running.jobs", runningJobs::getAsInt).tag("node", node)
                .description("Jobs with chunks open on this node").register(registry);
    }

    @Override
    public void ran(String kernel, String mode, long[] computeNanos) {
        Timer timer = Timer.builder("gridexec.chunk.run")
                .description("Run time of chunks on this node, by kernel and execution model")
                .tags("kernel", kernel, "mode", mode)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
        for (long nanos : computeNanos) {
            if (nanos > 0) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }
}
