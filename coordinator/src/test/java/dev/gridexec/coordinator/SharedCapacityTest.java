package dev.gridexec.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.members.TestCluster;
import dev.gridexec.scheduler.SchedulerSettings;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.board.ProbeBoard;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two coordinators admit jobs against what both have promised on the nodes, not each against an empty cluster. */
@Timeout(120)
class SharedCapacityTest {

    private TestCluster cluster;
    private TestCoordinator first;
    private TestCoordinator second;

    @BeforeEach
    void start() throws Exception {
        ProbeBoard.reset();
        cluster = new TestCluster(CoordinatorAdoptionTest.CATALOG, 1); // one node of 2 workers
        first = TestCoordinator.start(cluster, CoordinatorAdoptionTest.CATALOG, "coord-a", SchedulerSettings.defaults());
        second = TestCoordinator.start(cluster, CoordinatorAdoptionTest.CATALOG, "coord-b", SchedulerSettings.defaults());
    }

    @AfterEach
    void stop() {
        ProbeBoard.gate().countDown();
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
        cluster.close();
    }

    private static Task gatedJob() {
        return new Task(null, "probe", Map.of("action", "gate", "millis", 60_000L), 2, Mode.THREADS, 2, 1, 1, 5, 0, null, 3);
    }

    @Test
    void jobOfOneCoordinatorWaitsWhileAnotherCoordinatorsJobHoldsTheNode() throws Exception {
        JobRecord holding = first.service().submit(gatedJob());
        assertThat(ProbeBoard.awaitStarted(2, Duration.ofSeconds(60))).as("the first job holds both workers").isTrue();
        awaitSeenBySecond(2);

        JobRecord waiting = second.service().submit(gatedJob());

        assertThat(waiting.state()).as("a job the node has no room for").isEqualTo(JobState.QUEUED);
        assertThat(waiting.queuePosition()).isEqualTo(1);
        ProbeBoard.gate().countDown();
        assertThat(first.finished(holding.id()).get(60, TimeUnit.SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
        JobRecord after = second.finished(waiting.id()).get(60, TimeUnit.SECONDS);
        assertThat(after.state()).as("%s", after.error()).isEqualTo(JobState.SUCCEEDED);
        assertThat(after.chunks().done()).isEqualTo(2);
    }

    /** Waits (bounded) until the second coordinator sees what the first holds on node-0: reservations travel as events. */
    private void awaitSeenBySecond(int workers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (second.service().clusterLoad().heldElsewhere().getOrDefault("node-0", 0) < workers) {
            assertThat(System.nanoTime()).as("the first coordinator's reservation reached the second within 10 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(20); // polling interval: the reservation arrives as an entry event
        }
    }
}
