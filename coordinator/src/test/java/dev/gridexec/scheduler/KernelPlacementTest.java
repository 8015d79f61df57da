package dev.gridexec.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import dev.gridexec.wire.Placement;
import dev.gridexec.wire.Isolation;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import dev.gridexec.testkernels.ProbeKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Admission places a job only on nodes that can run its kernel ({@link Member#runs}): in a mixed cluster a python task
 * goes to the nodes that announce python, never to one that would fail its chunks.
 */
@Timeout(60)
class KernelPlacementTest {

    private static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);

    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<FakeMember> fakes = new ArrayList<>();
    private Scheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.close();
        }
        fakes.forEach(FakeMember::close);
    }

    @Test
    void aJobRunsOnlyOnTheNodesThatCanRunItsKernelAndSaysSo() throws Exception {
        FakeMember able = node("node-a", true);
        FakeMember unable = node("node-b", false);
        start();
        JobRecord record = await(scheduler.submit(task(2), JobListener.NONE));
        assertThat(record.placement()).extracting(Placement::node).containsExactly("node-a");
        assertThat(unable.opened).as("jobs opened on the node that cannot run the kernel").isEmpty();
        assertThat(able.opened).hasSize(1);
        assertThat(record.warnings()).anySatisfy(warning -> assertThat(warning)
                .contains("asked for 2 nodes but only 1 of the 2 can run probe kernels"));
    }

    /** A node of 2 workers; one that cannot run the probe kernel answers {@code runs} with false. */
    private FakeMember node(String name, boolean runsProbe) {
        FakeMember fake = new FakeMember(name, 2, 2, chunk -> 1_000_000L);
        if (!runsProbe) {
            fake.runs = task -> !task.kernel().equals("probe");
        }
        fakes.add(fake);
        members.add(fake);
        return fake;
    }

    private void start() {
        scheduler = new Scheduler(KernelResolver.withoutArtifacts(CATALOG), () -> List.copyOf(members),
                SchedulerSettings.defaults());
    }

    private static Task task(int nodes) {
        return new Task("mixed", "probe", Map.of("action", "state"), 8, Mode.THREADS, 1, nodes, 1, 5, 0, null, 3, null,
                0, Isolation.KERNEL);
    }

    private static JobRecord await(JobRun job) throws Exception {
        JobRecord record = job.completion().get(30, TimeUnit.SECONDS);
        assertThat(record.state()).as(String.valueOf(record.error())).isEqualTo(JobState.SUCCEEDED);
        assertThat(record.result().get("sum").asLong()).isEqualTo(28);
        return record;
    }
}
