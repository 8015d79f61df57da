package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.credit.CreditPolicies;
import dev.gridexec.wire.Task;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stragglers and slow nodes: late chunks are copied to another node while the job runs, slow nodes are marked. */
@Timeout(120)
class StragglerTest {

    private static final long MS = 1_000_000;

    private TwoFakeNodes nodes;
    private Scheduler scheduler;
    private FakeMember a;
    private FakeMember b;

    private void start(IntToLongFunction costA, IntToLongFunction costB) {
        nodes = new TwoFakeNodes(costA, costB, CreditPolicies.standard());
        scheduler = nodes.scheduler;
        a = nodes.a;
        b = nodes.b;
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    private static Task task(int chunks) {
        return TwoFakeNodes.probeTask("stragglers", chunks);
    }

    private static JobRecord exact(JobRecord record, int chunks) {
        TwoFakeNodes.assertExact(record, chunks);
        assertThat(record.chunks().failed()).isZero();
        return record;
    }

    @Test
    void aChunkStuckOnOneNodeIsCopiedToAnotherWhileChunksArePendingAndTheJobEndsExact() throws Exception {
        int chunks = 400; // about 2 s of work on node-b alone: the stuck chunk is copied long before the queue drains
        start(chunk -> 5 * MS, chunk -> 5 * MS);
        a.hangs = chunk -> !a.submitted.isEmpty() && chunk == a.submitted.get(0); // node-a never answers its first chunk

        JobRecord record = exact(scheduler.submit(task(chunks), JobListener.NONE).completion().get(60, TimeUnit.SECONDS), chunks);

        int stuck = a.submitted.get(0);
        assertThat(record.chunks().speculative()).isPositive();
        assertThat(record.chunks().retried()).as("a copy uses up no attempt").isZero();
        List<Integer> onB = List.copyOf(b.submitted);
        assertThat(onB).contains(stuck);
        assertThat(onB.indexOf(stuck)).as("copied by the periodic check before the last pending chunk went out, not at the tail")
                .isLessThan(onB.indexOf(chunks - 1) < 0 ? Integer.MAX_VALUE : onB.indexOf(chunks - 1));
    }

    @Test
    void theLateOriginalOfACopiedChunkIsDiscardedAndTheChunkReducedOnce() throws Exception {
        int chunks = 400;
        // node-a's first chunk takes 1.5 s: it is copied to node-b, whose copy wins; the original arrives later
        start(chunk -> 5 * MS, chunk -> 5 * MS);
        a.cost(chunk -> !a.submitted.isEmpty() && chunk == a.submitted.get(0) ? 1_500 * MS : 5 * MS);

        JobRecord record = exact(scheduler.submit(task(chunks), JobListener.NONE).completion().get(60, TimeUnit.SECONDS), chunks);

        assertThat(record.chunks().speculative()).isPositive();
        assertThat(record.chunks().retried()).isZero();
        assertThat(record.placement().stream().mapToInt(p -> p.chunks()).sum()).as("each output counted on one node").isEqualTo(chunks);
    }

    @Test
    void aNodeTwentyTimesSlowerFromEightyPercentDoneDoesNotHoldUpTheJob() throws Exception {
        int chunks = 100;
        start(chunk -> 20 * MS, chunk -> chunk >= 80 ? 400 * MS : 20 * MS);

        JobRecord record = exact(scheduler.submit(task(chunks), JobListener.NONE).completion().get(60, TimeUnit.SECONDS), chunks);

        long slowSent = b.submitted.stream().filter(chunk -> chunk >= 80).distinct().count();
        long slowFinished = b.finished.stream().filter(chunk -> chunk >= 80).count();
        assertThat(record.chunks().speculative()).isPositive();
        assertThat(slowFinished).as("the job ended before node-b finished the slow chunks it was sent (" + slowSent + ")")
                .isLessThan(slowSent);
    }

    @Test
    void aNodePersistentlySlowerThanItsPeerIsMarkedSlowWhileTheJobRuns() throws Exception {
        int chunks = 240;
        start(chunk -> 2 * MS, chunk -> 8 * MS);
        AtomicReference<JobRun> job = new AtomicReference<>();
        AtomicReference<Set<String>> slowAtHalf = new AtomicReference<>();
        JobRun run = scheduler.submit(task(chunks), new JobListener() {
            @Override
            public void progress(JobProgress progress) {
                JobRun started = job.get();
                if (started != null && progress.done() >= chunks / 2 && slowAtHalf.get() == null) {
                    slowAtHalf.compareAndSet(null, started.slowNodes());
                }
            }
        });
        job.set(run);

        exact(run.completion().get(60, TimeUnit.SECONDS), chunks);

        assertThat(slowAtHalf.get()).containsExactly("node-b");
        assertThat(run.slowNodes()).as("no job, no mark").isEmpty();
        assertThat(scheduler.slowNodes()).isEmpty();
    }
}
