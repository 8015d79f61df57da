package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    /**
     * A node that leaves while the scheduler is still handing it a batch refuses every chunk from then on, at once, as a
     * remote job does once its node is gone: the job stops handing it chunks and fails nodes-lost (it once took the
     * same refused chunk again for ever, holding the job's lock).
     */
    @Test
    void aNodeThatLeavesInTheMiddleOfABatchGetsNoMoreOfIt() throws Exception {
        LeavesAfter node = new LeavesAfter("node-a", 2);
        cluster.add(node);
        scheduler = cluster.start(SchedulerSettings.defaults().withNodeWait(Duration.ZERO));
        JobRun job = submit(null);

        JobRecord record = job.completion().get(30, TimeUnit.SECONDS);
        assertThat(record.error().reason()).isEqualTo("nodes-lost");
        assertThat(node.submitted.get()).as("chunks handed to the node").isEqualTo(3);
    }

    /** A node of 4 threads that takes {@code kept} chunks and leaves at the next one, handing all of them back. */
    private static final class LeavesAfter implements Member {
        private final String name;
        private final int kept;
        private final AtomicInteger submitted = new AtomicInteger();
        private final List<CompletableFuture<ChunkOutcome>> held = new CopyOnWriteArrayList<>();
        private volatile boolean gone;

        LeavesAfter(String name, int kept) {
            this.name = name;
            this.kept = kept;
        }

        @Override
        public String name() {
            return name;
        }

        private ChunkOutcome refused() {
            return new ChunkOutcome.Refused("node " + name + " left the job before the batch was sent");
        }

        @Override
        public MemberJob open(String jobId, Task task) {
            return new MemberJob() {
                @Override
                public CompletableFuture<ChunkOutcome> submit(int index, Object input) {
                    if (submitted.incrementAndGet() <= kept) {
                        CompletableFuture<ChunkOutcome> running = new CompletableFuture<>();
                        held.add(running);
                        return running;
                    }
                    if (!gone) { // it leaves now: what it held comes back too
                        gone = true;
                        held.forEach(running -> running.complete(refused()));
                    }
                    return CompletableFuture.completedFuture(refused());
                }

                @Override
                public boolean alive() {
                    return !gone;
                }

                @Override
                public int threads() {
                    return 4;
                }

                @Override
                public long startupMs() {
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
