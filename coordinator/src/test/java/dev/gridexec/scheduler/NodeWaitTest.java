package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.jobs.JobRecord;
import dev.gridexec.jobs.JobState;
import dev.gridexec.task.Isolation;
import dev.gridexec.task.Mode;
import dev.gridexec.task.Task;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A running job whose nodes are all gone waits {@code node-wait} for a node, keeping its finished chunks (issue 15, item 7). */
@Timeout(60)
class NodeWaitTest {

    private final FakeNodes cluster = new FakeNodes();
    private Scheduler scheduler;

    private FakeMember node(String name) {
        return cluster.add(name, 1);
    }

    private void start(Duration nodeWait) {
        scheduler = cluster.start(SchedulerSettings.defaults().withNodeWait(nodeWait));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** 8 probe chunks summing to 28, on one node of one worker, with an optional timeout. */
    private JobRun submit(String timeout) {
        return scheduler.submit(new Task("lonely", "probe", Map.of("action", "state"), 8, Mode.THREADS, 1, 1, 1, 5, 0, timeout,
                3, null, 0, Isolation.KERNEL), JobListener.NONE);
    }

    /**
     * Starts a job on node-a, which finishes 4 chunks and holds the rest (they never end there), then kills node-a:
     * the job has no node left.
     */
    private JobRun orphaned(Duration nodeWait, String timeout) throws Exception {
        FakeMember first = node("node-a");
        first.hangs = chunk -> chunk >= 4;
        start(nodeWait);
        JobRun job = submit(timeout);
        first.awaitFinished(4);
        assertThat(job.completion()).isNotDone();
        first.kill();
        cluster.remove(first);
        return job;
    }

    @Test
    void aJobWhoseNodesAreAllGoneWaitsKeepingItsChunksAndEndsExactOnANodeThatJoinsLater() throws Exception {
        JobRun job = orphaned(Duration.ofMinutes(5), null);

        JobRecord waiting = job.snapshot();
        assertThat(waiting.state()).isEqualTo(JobState.RUNNING);
        assertThat(waiting.warnings()).anySatisfy(w -> assertThat(w).contains("every node running the job is gone",
                "waits up to 5m (node-wait)"));
        int kept = waiting.chunks().done();
        FakeMember second = node("node-b");
        scheduler.memberJoined(second);

        JobRecord record = job.completion().get(30, TimeUnit.SECONDS);
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("sum").asLong()).isEqualTo(28);
        assertThat(second.ran.get()).as("the new node runs only what was not done").isEqualTo(8 - kept);
        assertThat(record.warnings()).anySatisfy(w -> assertThat(w).contains("node node-b joined"));
    }

    @Test
    void aNodeThatComesBackUnderItsOwnNameIsTakenAsANewOne() throws Exception {
        JobRun job = orphaned(Duration.ofMinutes(5), null);
        scheduler.memberLeft("node-a");
        FakeMember restarted = node("node-a");
        scheduler.memberJoined(restarted);

        JobRecord record = job.completion().get(30, TimeUnit.SECONDS);
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("sum").asLong()).isEqualTo(28);
    }

    @Test
    void withNoNodeWithinTheNodeWaitTheJobFailsNodesLostSayingHowLongItWaited() throws Exception {
        JobRun job = orphaned(Duration.ofMillis(300), null);

        JobRecord record = job.completion().get(30, TimeUnit.SECONDS);
        assertThat(record.state()).isEqualTo(JobState.FAILED);
        assertThat(record.error().reason()).isEqualTo("nodes-lost");
        assertThat(record.error().message()).contains("none joined within 300ms (node-wait)");
    }

    @Test
    void aTimeoutShorterThanTheNodeWaitEndsTheWaitAsNodesLost() throws Exception {
        JobRun job = orphaned(Duration.ofMinutes(5), "PT2S");

        JobRecord record = job.completion().get(30, TimeUnit.SECONDS);
        assertThat(record.error().reason()).isEqualTo("nodes-lost");
        assertThat(record.error().message()).contains("before its timeout PT2S");
    }

    @Test
    void aZeroNodeWaitFailsTheJobAtOnceAsBefore() throws Exception {
        JobRun job = orphaned(Duration.ZERO, null);

        JobRecord record = job.completion().get(30, TimeUnit.SECONDS);
        assertThat(record.error().reason()).isEqualTo("nodes-lost");
        assertThat(record.error().message()).contains("no node is left");
    }
}
