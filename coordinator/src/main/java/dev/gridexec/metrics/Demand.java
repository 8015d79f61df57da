package dev.gridexec.metrics;

import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.JobRecord;
import java.util.List;

/**
 * The work that queued and running jobs ask for, in workers and in nodes: the demand signal an autoscaler
 * scales on ({@code gridexec_desired_nodes}, after Dask's {@code desired_workers}).
 *
 * <p>A job asks for {@code workers × nodes} workers (its normalised task). The nodes that covers are that sum
 * over the node's capacity (the mean of the nodes' capacities; without nodes, the largest {@code workers} a
 * job asks for), rounded up, and never fewer than the most nodes any one job asks for. No active job: 0.
 *
 * @param workers the workers active jobs ask for
 * @param nodes   the nodes that would run them all at once
 */
public record Demand(long workers, long nodes) {

    /** The demand of {@code jobs} (active ones count; ended ones are ignored) on a cluster of {@code nodes}. */
    public static Demand of(List<JobRecord> jobs, List<NodeInfo> nodes) {
        long workers = 0;
        long widest = 0;
        int largestAsk = 1;
        for (JobRecord job : jobs) {
            if (job.state().terminal() || job.task() == null) {
                continue;
            }
            workers += (long) Math.max(1, job.task().workers()) * Math.max(1, job.task().nodes());
            widest = Math.max(widest, Math.max(1, job.task().nodes()));
            largestAsk = Math.max(largestAsk, job.task().workers());
        }
        if (workers == 0) {
            return new Demand(0, 0);
        }
        double perNode = nodes.isEmpty() ? largestAsk
                : Math.max(1.0, nodes.stream().mapToInt(NodeInfo::maxWorkers).average().orElse(1));
        return new Demand(workers, Math.max(widest, (long) Math.ceil(workers / perNode)));
    }
}
