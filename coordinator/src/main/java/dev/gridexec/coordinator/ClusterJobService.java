package dev.gridexec.coordinator;

import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.artifacts.HazelcastArtifactStore;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.jobs.ForwardingJobService;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.jobstore.HazelcastJobStore;
import dev.gridexec.members.ClusterMembers;
import dev.gridexec.members.MemberProofs;
import dev.gridexec.members.NodeKernels;
import dev.gridexec.members.SharedReservations;
import dev.gridexec.scheduler.Coordination;
import dev.gridexec.scheduler.JobRun;
import dev.gridexec.scheduler.KernelCheck;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.scheduler.SchedulerSettings;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskDefaults;
import dev.gridexec.task.TaskReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * A coordinator's {@link JobService} on a Hazelcast cluster: a {@link StoredJobService} over the cluster's job store
 * ({@link HazelcastJobStore}) and a scheduler over the cluster's nodes, plus the {@link Adopter} that takes over the
 * jobs of coordinators that leave. Any number of coordinators may serve one cluster, each under a name of its own.
 */
public final class ClusterJobService extends ForwardingJobService implements AutoCloseable {

    private final String name;
    private final Scheduler scheduler;
    private final ClusterMembers members;
    private final MemberProofs proofs;
    private final SharedReservations reservations;
    private final HazelcastJobStore store;
    private final StoredJobService stored;
    private final HazelcastInstance hazelcast;
    private final Adopter adopter;
    private final NodeKernels nodeKernels;

    /**
     * A service whose kernels {@code kernels} resolves; its artifact store must be this cluster's
     * ({@link HazelcastArtifactStore}). The caller closes {@code kernels}.
     */
    public ClusterJobService(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention) {
        this(hazelcast, kernels, retention, SchedulerSettings.defaults());
    }

    /** Like {@link #ClusterJobService(HazelcastInstance, KernelResolver, Duration)}, scheduling as {@code scheduling} says. */
    public ClusterJobService(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention, SchedulerSettings scheduling) {
        this(hazelcast, kernels, retention, scheduling, nameOf(hazelcast));
    }

    /** The service of coordinator {@code name} (unique in the cluster: it owns jobs under that name). The caller closes {@code kernels}. */
    public ClusterJobService(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention, SchedulerSettings scheduling,
                             String name) {
        this(hazelcast, kernels, retention, scheduling, name, StoredJobService.DEFAULT_MAX_INLINE_RESULT);
    }

    /** Like the first, keeping results whose JSON is over {@code maxInlineResult} bytes apart from their records (tests). */
    ClusterJobService(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention, int maxInlineResult) {
        this(hazelcast, kernels, retention, SchedulerSettings.defaults(), nameOf(hazelcast), maxInlineResult);
    }

    /** Like the one before, keeping results whose JSON is over {@code maxInlineResult} bytes apart from their records. */
    public ClusterJobService(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention, SchedulerSettings scheduling,
                             String name, int maxInlineResult) {
        this(Parts.of(hazelcast, kernels, retention, scheduling, name, maxInlineResult));
    }

    private ClusterJobService(Parts parts) {
        super(parts.stored);
        this.hazelcast = parts.hazelcast;
        this.name = parts.name;
        this.store = parts.store;
        this.members = parts.members;
        this.proofs = parts.proofs;
        this.reservations = parts.reservations;
        this.scheduler = parts.scheduler;
        this.stored = parts.stored;
        this.nodeKernels = parts.nodeKernels;
        members.feed(scheduler);
        this.adopter = new Adopter(hazelcast, name, store, stored, reservations::forgetLeft, parts.proofs::proven);
    }

    /** What the service is made of, made in order before the service itself. */
    private record Parts(HazelcastInstance hazelcast, String name, HazelcastJobStore store, MemberProofs proofs,
                         ClusterMembers members, SharedReservations reservations, Scheduler scheduler, StoredJobService stored,
                         NodeKernels nodeKernels) {
        static Parts of(HazelcastInstance hazelcast, KernelResolver kernels, Duration retention, SchedulerSettings scheduling, String name,
                        int maxInlineResult) {
            HazelcastJobStore store = new HazelcastJobStore(hazelcast, retention);
            MemberProofs proofs = new MemberProofs(hazelcast);
            ClusterMembers members = new ClusterMembers(hazelcast, kernels, proofs);
            SharedReservations reservations = new SharedReservations(hazelcast, name, ForkJoinPool.commonPool(), proofs::proven);
            NodeKernels nodeKernels = new NodeKernels(hazelcast, members, kernels, scheduling.kernelCallTimeout());
            Scheduler scheduler = new Scheduler(kernels, nodeKernels, members::members, scheduling,
                    new Coordination(name, store.ledger(), reservations));
            reservations.onFreed(scheduler::admit);
            StoredJobService stored = new StoredJobService(scheduler, store, () -> defaults(members, scheduler),
                    () -> describe(members, scheduler), maxInlineResult);
            return new Parts(hazelcast, name, store, proofs, members, reservations, scheduler, stored, nodeKernels);
        }
    }

    /** The name the cluster knows this member by (its gridexec name attribute, else its instance name). */
    private static String nameOf(HazelcastInstance hazelcast) {
        String name = hazelcast.getCluster().getLocalMember().getAttribute(MemberAttributes.NAME);
        return name != null ? name : hazelcast.getName();
    }

    /** What the other coordinators hold on the nodes, as this one sees it (tests). */
    dev.gridexec.scheduler.ClusterLoad clusterLoad() {
        return reservations;
    }

    /** The coordinator's name: the owner its jobs' records name. */
    public String name() {
        return name;
    }

    @Override
    public boolean hasArtifact(String sha256) {
        return hazelcast.getMap(ClusterConfigs.ARTIFACTS_MAP).containsKey(sha256);
    }

    /** Reads task.json without running user code: a jar kernel is checked on a node ({@link #checkKernel}). */
    @Override
    public TaskReader taskReader() {
        return TaskReader.leavingArtifactKernels(kernels(), defaults());
    }

    /** A jar kernel's params, checked on a node within the kernel-call timeout (see {@link NodeKernels#check}). */
    @Override
    public CompletableFuture<KernelCheck> checkKernel(Task task) {
        return nodeKernels.check(task);
    }

    @Override
    public Optional<String> unrunnable(Task task) {
        return members.unrunnable(task);
    }

    private static TaskDefaults defaults(ClusterMembers members, Scheduler scheduler) {
        return TaskDefaults.builtIn(members.defaultWorkers().getAsInt(), Math.max(1, scheduler.memberCount()));
    }

    private static List<NodeInfo> describe(ClusterMembers members, Scheduler scheduler) {
        Map<String, Integer> running = new HashMap<>();
        for (JobRun job : scheduler.jobs()) {
            for (String node : job.activeNodes()) {
                running.merge(node, 1, Integer::sum);
            }
        }
        Set<String> slow = scheduler.slowNodes();
        return members.describe(node -> running.getOrDefault(node, 0)).stream()
                .map(node -> slow.contains(node.name()) ? node.withSlow(true) : node).toList();
    }

    /**
     * Stops this coordinator so that another adopts its jobs without running any finished chunk again: no more
     * adopting, dispatch stopped, chunks in flight awaited for up to {@code wait}, ledger and records written out.
     */
    public void handOver(Duration wait) {
        adopter.close();
        stored.handOver(wait);
    }

    /** Runs a job this coordinator has claimed in the store, as the {@link Adopter} does (tests that claim by hand). */
    void adopt(JobRecord claimed) {
        stored.adopt(claimed);
    }

    /**
     * Stops every thread of this service at once, telling nobody and writing nothing more: what kill -9 leaves of a
     * coordinator, for tests of adoption in one JVM (follow it with terminating the member).
     */
    void halt() {
        adopter.close();
        reservations.close();
        members.close();
        proofs.close();
        store.ledger().halt();
        scheduler.halt();
    }

    @Override
    public void close() {
        adopter.close();
        members.close();
        proofs.close();
        reservations.close();
        stored.close();
        store.close();
    }
}
