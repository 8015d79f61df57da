package dev.gridexec.scheduler;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.testkernels.ProbeKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fake nodes that join and leave one scheduler's cluster (built-in kernels and {@code probe}); closing it closes the
 * scheduler and every node it made.
 */
final class FakeNodes implements AutoCloseable {

    private static final KernelCatalog CATALOG = KernelCatalog.builtIn().with("probe", ProbeKernel.class);

    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<FakeMember> made = new ArrayList<>();
    private Scheduler scheduler;

    /** A node of {@code capacity} workers and threads whose chunks take 1 ms, in the cluster from now on. */
    FakeMember add(String name, int capacity) {
        FakeMember member = new FakeMember(name, capacity, capacity, chunk -> 1_000_000L);
        made.add(member);
        members.add(member);
        return member;
    }

    /** {@code member}, made by the test, is in the cluster from now on (the test closes it). */
    void add(Member member) {
        members.add(member);
    }

    /** {@code member} is no longer in the cluster the scheduler sees. */
    void remove(Member member) {
        members.remove(member);
    }

    /** Starts the scheduler over the nodes in the cluster at each moment. */
    Scheduler start(SchedulerSettings settings) {
        scheduler = new Scheduler(KernelResolver.withoutArtifacts(CATALOG), () -> List.copyOf(members), settings);
        return scheduler;
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.close();
        }
        made.forEach(FakeMember::close);
    }
}
