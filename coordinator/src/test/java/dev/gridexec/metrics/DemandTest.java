package dev.gridexec.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.ChunkCounts;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.wire.Timing;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemandTest {

    static JobRecord job(JobState state, int workers, int nodes, String... placedOn) {
        Task task = new Task("t", "primes", Map.of(), 8, Mode.THREADS, workers, nodes, 1, 0, 1, null, 3, null);
        List<Placement> placement = java.util.Arrays.stream(placedOn).map(n -> new Placement(n, 1, 1)).toList();
        return new JobRecord("j-" + state + workers + nodes, state, task, null, null, List.of(), new ChunkCounts(8, 0, 0, 0),
                new Timing(0, 0, 0), placement);
    }

    static NodeInfo node(String name, int workers) {
        return new NodeInfo(name, "in-process", workers, workers, "test", 0);
    }

    @Test
    void noActiveJobsWantNoNodes() {
        Demand demand = Demand.of(List.of(job(JobState.SUCCEEDED, 4, 2), job(JobState.FAILED, 4, 1)), List.of(node("a", 4)));

        assertThat(demand).isEqualTo(new Demand(0, 0));
    }

    @Test
    void queuedAndRunningWorkersAreSpreadOverTheMeanNodeCapacity() {
        List<JobRecord> jobs = List.of(job(JobState.QUEUED, 4, 2), job(JobState.RUNNING, 4, 1), job(JobState.SUCCEEDED, 64, 64));

        Demand demand = Demand.of(jobs, List.of(node("a", 4), node("b", 4)));

        assertThat(demand).isEqualTo(new Demand(12, 3));
    }

    @Test
    void aWideJobWantsAtLeastItsNodesAndAnEmptyClusterCountsByTheLargestAsk() {
        assertThat(Demand.of(List.of(job(JobState.QUEUED, 1, 5)), List.of(node("a", 16)))).isEqualTo(new Demand(5, 5));
        assertThat(Demand.of(List.of(job(JobState.QUEUED, 8, 1), job(JobState.QUEUED, 2, 1)), List.of()))
                .isEqualTo(new Demand(10, 2));
    }

    @Test
    void busyWorkersAreWhatRunningJobsPlacedOnTheNodeAskForUpToItsCapacity() {
        List<JobRecord> jobs = List.of(job(JobState.RUNNING, 3, 1, "a"), job(JobState.RUNNING, 3, 2, "a", "b"),
                job(JobState.SUCCEEDED, 3, 1, "b"));

        assertThat(CoordinatorMetrics.busyWorkers(node("a", 4), jobs)).isEqualTo(4);
        assertThat(CoordinatorMetrics.busyWorkers(node("b", 4), jobs)).isEqualTo(3);
        assertThat(CoordinatorMetrics.busyWorkers(node("c", 4), jobs)).isZero();
    }
}
