package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.scheduler.credit.CreditPolicy;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.ProbeKernel;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Two one-thread fake nodes, {@code node-a} and {@code node-b}, under one scheduler that dispatches with the given
 * policy; closing it closes the scheduler and both nodes.
 */
final class TwoFakeNodes implements AutoCloseable {

    private static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);

    final FakeMember a;
    final FakeMember b;
    final Scheduler scheduler;

    TwoFakeNodes(IntToLongFunction costA, IntToLongFunction costB, CreditPolicy policy) {
        a = new FakeMember("node-a", 1, costA);
        b = new FakeMember("node-b", 1, costB);
        List<Member> members = List.of(a, b);
        scheduler = new Scheduler(KernelResolver.withoutArtifacts(CATALOG), () -> members,
                SchedulerSettings.defaults().withDispatch(policy));
    }

    /** A probe-kernel {@code state} task of {@code chunks} chunks, one worker on each of two nodes, 3 attempts. */
    static Task probeTask(String name, int chunks) {
        return new Task(name, "probe", Map.of("action", "state"), chunks, Mode.THREADS, 1, 2, 1, 5, 0, null, 3);
    }

    /** Asserts that a probe {@code state} job succeeded with each of its {@code chunks} chunks done and reduced exactly once. */
    static JobRecord assertExact(JobRecord record, int chunks) {
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("chunks").asInt()).as("each chunk reduced once").isEqualTo(chunks);
        assertThat(record.result().get("sum").asLong()).as("exact: each chunk reduced once").isEqualTo((long) chunks * (chunks - 1) / 2);
        assertThat(record.chunks().done()).isEqualTo(chunks);
        return record;
    }

    @Override
    public void close() {
        scheduler.close();
        a.close();
        b.close();
    }
}
