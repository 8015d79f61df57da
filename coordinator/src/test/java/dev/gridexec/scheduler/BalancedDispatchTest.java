package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.jobs.JobRecord;
import dev.gridexec.jobs.JobState;
import dev.gridexec.jobs.Placement;
import dev.gridexec.scheduler.credit.CreditPolicies;
import dev.gridexec.scheduler.credit.CreditPolicy;
import dev.gridexec.task.Mode;
import dev.gridexec.task.Task;
import dev.gridexec.testkernels.ProbeKernel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the scheduler spreads a job's chunks over two nodes that answer in batches. */
@Timeout(120)
class BalancedDispatchTest {

    private static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);
    private static final long MICROS = 1_000;

    private Scheduler scheduler;
    private FakeMember a;
    private FakeMember b;

    private void start(IntToLongFunction costA, IntToLongFunction costB, CreditPolicy policy) {
        a = new FakeMember("node-a", 1, costA);
        b = new FakeMember("node-b", 1, costB);
        List<Member> members = List.of(a, b);
        scheduler = new Scheduler(KernelResolver.withoutArtifacts(CATALOG), () -> members, SchedulerSettings.defaults().withDispatch(policy));
    }

    @AfterEach
    void stop() {
        scheduler.close();
        a.close();
        b.close();
    }

    private JobRecord run(int chunks) throws Exception {
        Task task = new Task("balance", "probe", Map.of("action", "state"), chunks, Mode.THREADS, 1, 2, 1, 5, 0, null, 3);
        JobRecord record = scheduler.submit(task, JobListener.NONE).completion().get(60, TimeUnit.SECONDS);
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("chunks").asInt()).isEqualTo(chunks);
        assertThat(record.result().get("sum").asLong()).as("exact: each chunk reduced once").isEqualTo((long) chunks * (chunks - 1) / 2);
        assertThat(record.chunks().done()).isEqualTo(chunks);
        assertThat(record.placement()).extracting(Placement::chunks).as("placement adds up").containsExactlyInAnyOrder(
                record.placement().get(0).chunks(), chunks - record.placement().get(0).chunks());
        return record;
    }

    private static int share(JobRecord record, String node) {
        return record.placement().stream().filter(p -> p.node().equals(node)).mapToInt(Placement::chunks).sum();
    }

    @ParameterizedTest(name = "{0} chunks")
    @ValueSource(ints = {48, 480})
    void cheapChunksSpreadEvenlyOverEqualNodes(int chunks) throws Exception {
        start(chunk -> 300 * MICROS, chunk -> 300 * MICROS, CreditPolicies.standard());
        for (int repeat = 0; repeat < 3; repeat++) {
            JobRecord record = run(chunks);
            assertThat(share(record, "node-a")).as("node-a's chunks of " + chunks + ": " + record.placement())
                    .isBetween(chunks * 40 / 100, chunks * 60 / 100);
            assertThat(record.dispatch()).isEqualTo("autotuned");
        }
    }

    @Test
    void firstFastChunkDoesNotTakeTheQueue() throws Exception {
        // node-a's first chunk is nearly free, the rest cost like node-b's: the old credit rule sent it everything
        start(chunk -> chunk == 0 ? 1 : 2_000 * MICROS, chunk -> 2_000 * MICROS, CreditPolicies.standard());
        JobRecord record = run(48);
        assertThat(share(record, "node-a")).as(String.valueOf(record.placement())).isBetween(19, 29);
    }

    @Test
    void unevenChunksSpreadEvenly() throws Exception {
        // later chunks cost more, as in trial-division primes
        start(chunk -> (100 + 20L * chunk) * MICROS, chunk -> (100 + 20L * chunk) * MICROS, CreditPolicies.standard());
        JobRecord record = run(96);
        assertThat(share(record, "node-a")).as(String.valueOf(record.placement())).isBetween(38, 58);
    }

    @Test
    void slowerNodeRunsFewerChunks() throws Exception {
        start(chunk -> 500 * MICROS, chunk -> 2_000 * MICROS, CreditPolicies.standard());
        JobRecord record = run(240);
        assertThat(share(record, "node-b")).as(String.valueOf(record.placement())).isLessThan(240 * 35 / 100);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"fixed", "proportional", "autotuned"})
    void everyPolicyGivesExactResultsOnBothNodesAndNamesItself(String name) throws Exception {
        start(chunk -> 200 * MICROS, chunk -> 200 * MICROS, CreditPolicies.named(name).orElseThrow());
        JobRecord record = run(200);
        assertThat(record.dispatch()).isEqualTo(name);
        assertThat(record.placement()).allSatisfy(p -> assertThat(p.chunks()).isPositive());
    }

    @Test
    void idleNodeCopiesTheTailOfASlowNodeAndTheFirstOutputWins() throws Exception {
        // node-b turns very slow once the queue is out: its last chunks are copied to node-a
        start(chunk -> 200 * MICROS, chunk -> 200 * MICROS, CreditPolicies.standard());
        int chunks = 64;
        b.cost(chunk -> chunk >= 40 ? 400_000 * MICROS : 200 * MICROS);
        long start = System.nanoTime();
        JobRecord record = run(chunks);
        assertThat(record.chunks().speculative()).isPositive();
        assertThat(record.chunks().retried()).isZero();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).as("did not wait for node-b's slow chunks").isLessThan(30);
    }
}
