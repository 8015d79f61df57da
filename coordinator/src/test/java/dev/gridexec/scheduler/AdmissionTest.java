package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.scheduler.credit.CreditPolicies;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gang admission queue: jobs wait for free workers, start in priority then submission order, on the least-loaded nodes. */
@Timeout(60)
class AdmissionTest {

    private final FakeNodes cluster = new FakeNodes();
    private Scheduler scheduler;

    private FakeMember node(String name, int capacity) {
        return cluster.add(name, capacity);
    }

    private void start() {
        start(SchedulerSettings.defaults());
    }

    private void start(SchedulerSettings settings) {
        scheduler = cluster.start(settings);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Starts the scheduler with every chunk on {@code nodes} held until the returned gate opens. */
    private CountDownLatch startGated(FakeMember... nodes) {
        return startGated(SchedulerSettings.defaults(), nodes);
    }

    /** As {@link #startGated(FakeMember...)}, with the given scheduler settings. */
    private CountDownLatch startGated(SchedulerSettings settings, FakeMember... nodes) {
        start(settings);
        CountDownLatch gate = new CountDownLatch(1);
        for (FakeMember node : nodes) {
            node.gate = gate;
        }
        return gate;
    }

    /**
     * Starts the scheduler with one node of {@code capacity} workers, taken whole by a job ("running") whose chunks are
     * held until {@link Busy#release()}: the jobs submitted next queue behind it.
     */
    private Busy busyNode(int capacity) {
        return busyNode(SchedulerSettings.defaults(), capacity);
    }

    /** As {@link #busyNode(int)}, with the given scheduler settings. */
    private Busy busyNode(SchedulerSettings settings, int capacity) {
        FakeMember node = node("node-a", capacity);
        CountDownLatch gate = startGated(settings, node);
        return new Busy(node, gate, submit("running", capacity, 1, 0));
    }

    /** A node taken by a running job whose chunks wait for the gate. */
    private record Busy(FakeMember node, CountDownLatch gate, JobRun running) {

        void release() {
            gate.countDown();
        }
    }

    /** Submits a task of the probe kernel with no listener. */
    private JobRun submit(String name, int workers, int nodes, int priority) {
        return scheduler.submit(task(name, workers, nodes, priority), JobListener.NONE);
    }

    private static Task task(String name, int workers, int nodes, int priority) {
        return new Task(name, "probe", Map.of("action", "state"), 8, Mode.THREADS, workers, nodes, 1, 5, 0, null, 3, null,
                priority, Isolation.KERNEL);
    }

    private static JobRecord await(JobRun job) throws Exception {
        JobRecord record = job.completion().get(30, TimeUnit.SECONDS);
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("sum").asLong()).isEqualTo(28);
        return record;
    }

    /** Awaits each job in turn, each with {@link #await(JobRun)}'s checks. */
    private static void awaitAll(JobRun... jobs) throws Exception {
        for (JobRun job : jobs) {
            await(job);
        }
    }

    @Test
    void fiveJobsOnANodeOfCapacityTwoRunOneAtATimeInSubmissionOrder() throws Exception {
        FakeMember node = node("node-a", 2);
        CountDownLatch gate = startGated(node);
        List<String> ended = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch allEnded = new CountDownLatch(5);
        List<JobRun> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            JobRun job = submit("job-" + i, 2, 1, 0);
            job.completion().thenAccept(record -> {
                ended.add(record.task().name());
                allEnded.countDown();
            });
            jobs.add(job);
        }
        assertThat(jobs.get(0).snapshot().state()).isEqualTo(JobState.RUNNING);
        for (int i = 1; i < 5; i++) {
            JobRecord queued = jobs.get(i).snapshot();
            assertThat(queued.state()).isEqualTo(JobState.QUEUED);
            assertThat(queued.queuePosition()).isEqualTo(i);
        }
        assertThat(jobs.get(0).snapshot().queuePosition()).isNull();
        gate.countDown();
        for (JobRun job : jobs) {
            await(job);
        }
        assertThat(allEnded.await(10, TimeUnit.SECONDS)).as("every job's end heard").isTrue();
        assertThat(node.maxOpen.get()).as("jobs open on the node at once").isEqualTo(1);
        assertThat(ended).containsExactly("job-0", "job-1", "job-2", "job-3", "job-4");
    }

    @Test
    void aHigherPriorityJobSubmittedLaterStartsFirst() throws Exception {
        Busy busy = busyNode(2);
        JobRun low = submit("low", 2, 1, 0);
        JobRun high = submit("high", 2, 1, 5);
        assertThat(high.snapshot().queuePosition()).isEqualTo(1);
        assertThat(low.snapshot().queuePosition()).isEqualTo(2);
        busy.release();
        awaitAll(busy.running(), low, high);
        assertThat(busy.node().opened).containsExactly(busy.running().id(), high.id(), low.id());
    }

    @Test
    void twoOneNodeJobsRunAtOnceOnDifferentNodes() throws Exception {
        FakeMember a = node("node-a", 1);
        FakeMember b = node("node-b", 1);
        CountDownLatch gate = startGated(a, b);
        JobRun one = submit("one", 1, 1, 0);
        JobRun two = submit("two", 1, 1, 0);
        assertThat(one.snapshot().state()).isEqualTo(JobState.RUNNING);
        assertThat(two.snapshot().state()).isEqualTo(JobState.RUNNING);
        gate.countDown();
        String nodeOne = await(one).placement().get(0).node();
        String nodeTwo = await(two).placement().get(0).node();
        assertThat(nodeOne).isNotEqualTo(nodeTwo);
        assertThat(a.opened).hasSize(1);
        assertThat(b.opened).hasSize(1);
    }

    @Test
    void placementTakesTheNodeWithMostFreeWorkersNotTheFirst() throws Exception {
        FakeMember a = node("node-a", 4);
        FakeMember b = node("node-b", 4);
        CountDownLatch gate = startGated(a, b);
        JobRun one = submit("one", 1, 1, 0);
        JobRun two = submit("two", 1, 1, 0);
        JobRun three = submit("three", 1, 1, 0);
        gate.countDown();
        awaitAll(one, two, three);
        assertThat(a.opened).as("placed on node-a (opened in either order)").containsExactlyInAnyOrder(one.id(), three.id());
        assertThat(b.opened).containsExactly(two.id());
    }

    @Test
    void cancellingAQueuedJobEndsItAndTheNextOneStarts() throws Exception {
        Busy busy = busyNode(1);
        JobRun cancelled = submit("cancelled", 1, 1, 0);
        JobRun next = submit("next", 1, 1, 0);
        assertThat(next.snapshot().queuePosition()).isEqualTo(2);
        cancelled.cancel();
        assertThat(cancelled.completion().get(5, TimeUnit.SECONDS).state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.snapshot().queuePosition()).isNull();
        assertThat(next.snapshot().queuePosition()).isEqualTo(1);
        busy.release();
        awaitAll(busy.running(), next);
        assertThat(busy.node().opened).containsExactly(busy.running().id(), next.id());
    }

    @Test
    void moreWorkersThanANodeHasRunWithItsCapacityAndAWarning() throws Exception {
        node("node-a", 2);
        start();
        JobRecord record = await(submit("big", 8, 1, 0));
        assertThat(record.task().workers()).isEqualTo(2);
        assertThat(record.warnings()).singleElement().asString().contains("asked for 8 workers", "it ran with 2");
    }

    @Test
    void aTwoNodeJobOnUnequalNodesRunsWithWhatBothCanGiveInsteadOfWaitingForever() throws Exception {
        node("node-a", 4);
        node("node-b", 2);
        start();
        JobRecord record = await(submit("wide", 4, 2, 0));
        assertThat(record.task().workers()).isEqualTo(2);
        assertThat(record.placement()).extracting(Placement::node).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(record.warnings()).singleElement().asString().contains("asked for 4 workers", "it ran with 2");
    }

    @Test
    void moreNodesThanExistRunOnAllOfThem() throws Exception {
        node("node-a", 1);
        node("node-b", 1);
        start();
        JobRecord record = await(submit("wide", 1, 5, 0));
        assertThat(record.placement()).extracting(Placement::node).containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(record.warnings()).singleElement().asString().contains("asked for 5 nodes but only 2 exist");
    }

    @Test
    void aNodeThatJoinsTakesQueuedWorkAtOnce() throws Exception {
        Busy busy = busyNode(1);
        JobRun waiting = submit("waiting", 1, 1, 0);
        assertThat(waiting.snapshot().state()).isEqualTo(JobState.QUEUED);
        FakeMember b = node("node-b", 1);
        scheduler.memberJoined(b);
        JobRecord record = await(waiting);
        assertThat(record.placement()).extracting(Placement::node).containsExactly("node-b");
        busy.release();
        await(busy.running());
    }

    @Test
    void aFullQueueRefusesMoreJobsUntilItHasRoomAndTheAcceptedOnesStayExact() throws Exception {
        Busy busy = busyNode(new SchedulerSettings(CreditPolicies.standard(), 2, 1_000), 1);
        JobRun first = submit("first", 1, 1, 0);
        JobRun second = submit("second", 1, 1, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> submit("third", 1, 1, 0))
                .isInstanceOfSatisfying(QueueFullException.class, e -> {
                    assertThat(e.retryAfterSeconds()).isPositive();
                    assertThat(e.getMessage()).contains("max-queued-jobs");
                });
        assertThat(scheduler.jobs()).hasSize(3);
        busy.release();
        awaitAll(busy.running(), first, second);
        await(submit("later", 1, 1, 0));
    }

    @Test
    void queuedChunksAreBoundedButOneJobAlwaysFitsAnEmptyQueue() throws Exception {
        Busy busy = busyNode(new SchedulerSettings(CreditPolicies.standard(), 100, 10), 1);
        JobRun queued = submit("queued", 1, 1, 0); // 8 chunks queued
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> submit("more", 1, 1, 0))
                .isInstanceOf(QueueFullException.class).hasMessageContaining("max-queued-chunks");
        busy.release();
        awaitAll(busy.running(), queued);
    }
}
