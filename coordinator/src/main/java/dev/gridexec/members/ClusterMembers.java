package dev.gridexec.members;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.LoadQuery;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.wire.NodeInfo;
import dev.gridexec.wire.NodeLoad;
import dev.gridexec.scheduler.Member;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.wire.Task;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's gridexec nodes as the scheduler sees them: every data member that announces the node
 * role, in name order (the admission queue places jobs on the least-loaded of them, name breaking ties),
 * with the capacity each announces, and news of members joining. With a cluster secret, only members that proved they
 * belong ({@link MemberProofs}) are nodes: one that cannot is never listed nor sent work, so no result of its ever comes.
 */
public final class ClusterMembers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);
    /** How long {@link #describe} waits for the nodes' live load, all together. */
    static final long LOAD_TIMEOUT_MS = 1_000;

    private final HazelcastInstance hazelcast;
    private final KernelResolver kernels;
    private final MemberProofs proofs;
    private final boolean ownsProofs;
    private final List<UUID> registrations = new CopyOnWriteArrayList<>();

    /** @param kernels how the members' jobs find their kernel (the coordinator's resolver) */
    public ClusterMembers(HazelcastInstance hazelcast, KernelResolver kernels) {
        this(hazelcast, kernels, new MemberProofs(hazelcast), true);
    }

    /** Nodes as {@code proofs} (which the caller closes) finds them proven. */
    public ClusterMembers(HazelcastInstance hazelcast, KernelResolver kernels, MemberProofs proofs) {
        this(hazelcast, kernels, proofs, false);
    }

    private ClusterMembers(HazelcastInstance hazelcast, KernelResolver kernels, MemberProofs proofs, boolean ownsProofs) {
        this.hazelcast = hazelcast;
        this.kernels = kernels;
        this.proofs = proofs;
        this.ownsProofs = ownsProofs;
    }

    /** The nodes now. */
    public List<Member> members() {
        return nodes().stream()
                .<Member>map(member -> new HazelcastMember(hazelcast, member, kernels))
                .toList();
    }

    /** Tells the scheduler about nodes that join from now on, until {@link #close()}. */
    public void feed(Scheduler scheduler) {
        registrations.add(hazelcast.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                com.hazelcast.cluster.Member member = event.getMember();
                if (isNode(member)) {
                    // Off Hazelcast's threads: the scheduler may reach the cluster when a node joins.
                    proofs.verdict(member).thenAcceptAsync(proven -> {
                        if (proven) {
                            LOG.info("node {} joined at {}", HazelcastMember.nameOf(member), member.getAddress());
                            scheduler.memberJoined(new HazelcastMember(hazelcast, member, kernels));
                        }
                    }, java.util.concurrent.ForkJoinPool.commonPool());
                }
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                // A member that never proved it belongs never was a node, whatever name it announced.
                if (isNode(event.getMember()) && proofs.wasProven(event.getMember())) {
                    LOG.warn("node {} left at {}", HazelcastMember.nameOf(event.getMember()), event.getMember().getAddress());
                    scheduler.memberLeft(HazelcastMember.nameOf(event.getMember()));
                }
            }
        }));
    }

    /** Stops telling the scheduler about members: removes every listener {@link #feed} added. */
    @Override
    public void close() {
        for (UUID registration : registrations) {
            try {
                hazelcast.getCluster().removeMembershipListener(registration);
            } catch (RuntimeException e) {
                LOG.debug("membership listener {} not removed (the member is shutting down): {}", registration, e.toString());
            }
            registrations.remove(registration);
        }
        if (ownsProofs) {
            proofs.close();
        }
    }

    /**
     * The nodes with their announced capacity and their live load (busy workers, warm slots, CPU load, heap, ready or
     * draining), each asked on the control executor and given {@link #LOAD_TIMEOUT_MS} ms in all; a node that has not
     * answered by then is {@code suspect}, with its announced capacity. {@code runningJobs} counts jobs with chunks on each.
     */
    public List<NodeInfo> describe(java.util.function.ToIntFunction<String> runningJobs) {
        List<com.hazelcast.cluster.Member> nodes = nodes();
        Map<com.hazelcast.cluster.Member, Future<NodeLoad>> loads = askLoads(nodes);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOAD_TIMEOUT_MS);
        return nodes.stream()
                .map(member -> {
                    NodeInfo announced = new NodeInfo(
                            HazelcastMember.nameOf(member),
                            member.getAddress().getHost() + ":" + member.getAddress().getPort(),
                            attribute(member, MemberAttributes.PROCESSORS),
                            attribute(member, MemberAttributes.MAX_WORKERS),
                            String.valueOf(member.getAttribute(MemberAttributes.VERSION)),
                            runningJobs.applyAsInt(HazelcastMember.nameOf(member)));
                    NodeLoad load = await(loads.get(member), deadline);
                    return load == null ? announced : announced.withLoad(load);
                })
                .toList();
    }

    private Map<com.hazelcast.cluster.Member, Future<NodeLoad>> askLoads(List<com.hazelcast.cluster.Member> nodes) {
        if (nodes.isEmpty()) {
            return Map.of();
        }
        try {
            return hazelcast.getExecutorService(ClusterConfigs.CONTROL_EXECUTOR).submitToMembers(new LoadQuery(), nodes);
        } catch (RuntimeException e) {
            LOG.debug("could not ask the nodes for their load: {}", e.toString());
            return Map.of();
        }
    }

    /** The node's answer, or null if it did not come by {@code deadline} (the node is suspect, with its announced capacity). */
    private static NodeLoad await(Future<NodeLoad> load, long deadline) {
        if (load == null) {
            return null;
        }
        try {
            return load.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("a node's load did not come: {}", e.toString());
            return null;
        }
    }

    /** The smallest default worker count any node announces (the default for a task's workers). */
    public IntSupplier defaultWorkers() {
        return () -> nodes().stream().mapToInt(m -> attribute(m, MemberAttributes.MAX_WORKERS)).filter(w -> w > 0)
                .min().orElse(Runtime.getRuntime().availableProcessors());
    }

    /** Why no node can run {@code task}: it names an optional module's kernel (python) that no node announces. */
    public Optional<String> unrunnable(Task task) {
        if (task.artifact() != null || !KernelCatalog.pluginNames().contains(task.kernel())) {
            return Optional.empty();
        }
        List<com.hazelcast.cluster.Member> nodes = nodes();
        boolean some = nodes.stream().anyMatch(member -> HazelcastMember.runs(member, task));
        return some ? Optional.empty() : Optional.of("no node can run " + task.kernel() + " kernels: none of the "
                + nodes.size() + " node(s) announces it in " + MemberAttributes.PLUGIN_KERNELS + " ("
                + KernelCatalog.missingReason(task.kernel()).orElse("the node needs the kernel's module") + ")");
    }

    /** The cluster's nodes now (not the coordinators; with a cluster secret, only those that proved themselves). */
    List<com.hazelcast.cluster.Member> nodes() {
        List<com.hazelcast.cluster.Member> nodes = hazelcast.getCluster().getMembers().stream()
                .filter(ClusterMembers::isNode)
                .toList();
        nodes.forEach(proofs::verdict); // every challenge out at once: waiting below then takes one round trip
        return nodes.stream()
                .filter(proofs::proven)
                .sorted(Comparator.comparing(HazelcastMember::nameOf))
                .toList();
    }

    private static boolean isNode(com.hazelcast.cluster.Member member) {
        return !member.isLiteMember() && MemberAttributes.NODE.equals(member.getAttribute(MemberAttributes.ROLE));
    }

    private static int attribute(com.hazelcast.cluster.Member member, String name) {
        try {
            return Integer.parseInt(member.getAttribute(name));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
