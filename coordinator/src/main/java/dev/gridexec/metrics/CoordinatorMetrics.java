package dev.gridexec.metrics;

import dev.gridexec.jobs.JobService;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's series (docs/API.md, "Metrics"): counters fed by each job's listener as it runs and ends,
 * and gauges of jobs, queue, nodes and demand, taken from the job service when {@link #refresh} runs (before
 * each scrape; one listing of jobs and nodes per scrape).
 */
public final class CoordinatorMetrics {

    private final JobService service;
    private final Map<String, Counter> chunks = new java.util.HashMap<>();
    private final Map<JobState, Counter> finished = new EnumMap<>(JobState.class);
    private final Counter attempts;
    private final Map<JobState, AtomicLong> jobs = new EnumMap<>(JobState.class);
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong nodeCount = new AtomicLong();
    private final AtomicLong desiredNodes = new AtomicLong();
    private final AtomicLong demandWorkers = new AtomicLong();
    private final MultiGauge capacity;
    private final MultiGauge busy;

    public CoordinatorMetrics(MeterRegistry registry, JobService service) {
        this.service = service;
        for (String outcome : List.of("done", "failed", "retried", "speculative", "cancelled")) {
            chunks.put(outcome, Counter.builder("gridexec.chunks").tag("outcome", outcome)
                    .description("Chunks of ended jobs by outcome (retried: re-dispatches; cancelled: never finished)")
                    .register(registry));
        }
        for (JobState state : JobState.values()) {
            AtomicLong value = new AtomicLong();
            jobs.put(state, value);
            Gauge.builder("gridexec.jobs", value, AtomicLong::get).tag("state", state.name())
                    .description("Jobs this coordinator knows, by state (ended ones while retained)").register(registry);
            if (state.terminal()) {
                finished.put(state, Counter.builder("gridexec.jobs.finished").tag("state", state.name())
                        .description("Jobs submitted here that ended, by state").register(registry));
            }
        }
        attempts = Counter.builder("gridexec.chunk.attempts")
                .description("Chunk attempts that came back (done or re-queued); its rate is the dispatch rate")
                .register(registry);
        Gauge.builder("gridexec.queue.jobs", queued, AtomicLong::get).description("Jobs waiting in the queue")
                .register(registry);
        Gauge.builder("gridexec.nodes", nodeCount, AtomicLong::get).description("Nodes that can run chunks")
                .register(registry);
        Gauge.builder("gridexec.desired.nodes", desiredNodes, AtomicLong::get)
                .description("Nodes that queued and running jobs could use (scale on this)").register(registry);
        Gauge.builder("gridexec.demand.workers", demandWorkers, AtomicLong::get)
                .description("Workers that queued and running jobs ask for").register(registry);
        capacity = MultiGauge.builder("gridexec.node.capacity.workers").description("Workers each node runs chunks on")
                .register(registry);
        busy = MultiGauge.builder("gridexec.node.busy.workers")
                .description("Workers each node has busy with running jobs").register(registry);
    }

    /** A listener of every job the coordinator runs: chunk attempts as they come back, a job's chunks when it ends. */
    public JobListener observer() {
        return new JobListener() {
            @Override
            public void progress(JobProgress progress) {
                attempts.increment();
            }

            @Override
            public void finished(JobRecord record) {
                count(record);
            }
        };
    }

    /** Adds an ended job's chunk counts: done + failed + cancelled is exactly its chunk count. */
    void count(JobRecord record) {
        ChunkCounts c = record.chunks();
        if (c != null) {
            chunks.get("done").increment(c.done());
            chunks.get("failed").increment(c.failed());
            chunks.get("retried").increment(c.retried());
            chunks.get("cancelled").increment(Math.max(0, c.total() - c.done() - c.failed()));
            // "speculative" counts straggler copies once ChunkCounts carries them.
        }
        Counter byState = finished.get(record.state());
        if (byState != null) {
            byState.increment();
        }
    }

    /** Reads the jobs and nodes from the service into the gauges. Blocks on the cluster: call off the event loop. */
    public void refresh() {
        List<JobRecord> records = service.list();
        List<NodeInfo> nodes = service.nodes();
        Map<JobState, Long> counts = new EnumMap<>(JobState.class);
        for (JobRecord record : records) {
            counts.merge(record.state(), 1L, Long::sum);
        }
        jobs.forEach((state, value) -> value.set(counts.getOrDefault(state, 0L)));
        queued.set(counts.getOrDefault(JobState.QUEUED, 0L));
        nodeCount.set(nodes.size());
        Demand demand = Demand.of(records, nodes);
        desiredNodes.set(demand.nodes());
        demandWorkers.set(demand.workers());
        List<MultiGauge.Row<?>> capacityRows = new ArrayList<>();
        List<MultiGauge.Row<?>> busyRows = new ArrayList<>();
        for (NodeInfo node : nodes) {
            Tags tags = Tags.of("node", node.name());
            capacityRows.add(MultiGauge.Row.of(tags, node.maxWorkers()));
            busyRows.add(MultiGauge.Row.of(tags, busyWorkers(node, records)));
        }
        capacity.register(capacityRows, true);
        busy.register(busyRows, true);
    }

    /**
     * A node's busy workers: the workers running jobs with output from it ask for, at most its capacity. An
     * estimate from the records until {@link NodeInfo} carries the node's own count of busy workers; then read it here.
     */
    static int busyWorkers(NodeInfo node, List<JobRecord> records) {
        long sum = 0;
        for (JobRecord record : records) {
            if (record.state() == JobState.RUNNING && record.task() != null
                    && record.placement().stream().map(Placement::node).anyMatch(node.name()::equals)) {
                sum += record.task().workers();
            }
        }
        return (int) Math.min(node.maxWorkers(), sum);
    }
}
