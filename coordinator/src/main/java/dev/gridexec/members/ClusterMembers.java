package dev.gridexec.members;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.scheduler.Member;
import dev.gridexec.scheduler.Scheduler;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's gridexec nodes as the scheduler sees them: every data member that announces the node
 * role, in name order (so {@code nodes: N} picks the same N each time), and news of members joining.
 */
public final class ClusterMembers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);

    private final HazelcastInstance hazelcast;
    private final KernelResolver kernels;
    private final List<UUID> registrations = new CopyOnWriteArrayList<>();

    /** @param kernels how the members' jobs find their kernel (the coordinator's resolver) */
    public ClusterMembers(HazelcastInstance hazelcast, KernelResolver kernels) {
        this.hazelcast = hazelcast;
        this.kernels = kernels;
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
                if (isNode(event.getMember())) {
                    LOG.info("node {} joined at {}", HazelcastMember.nameOf(event.getMember()), event.getMember().getAddress());
                    scheduler.memberJoined(new HazelcastMember(hazelcast, event.getMember(), kernels));
                }
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                if (isNode(event.getMember())) {
                    LOG.warn("node {} left at {}", HazelcastMember.nameOf(event.getMember()), event.getMember().getAddress());
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
    }

    /** The smallest default worker count any node announces (the default for a task's workers). */
    public IntSupplier defaultWorkers() {
        return () -> nodes().stream().mapToInt(m -> attribute(m, MemberAttributes.MAX_WORKERS)).filter(w -> w > 0)
                .min().orElse(Runtime.getRuntime().availableProcessors());
    }

    /** The Hazelcast members that are gridexec nodes now, in name order. */
    public List<com.hazelcast.cluster.Member> nodes() {
        return hazelcast.getCluster().getMembers().stream()
                .filter(ClusterMembers::isNode)
                .sorted(Comparator.comparing(HazelcastMember::nameOf))
                .toList();
    }

    private static boolean isNode(com.hazelcast.cluster.Member member) {
        return !member.isLiteMember() && MemberAttributes.NODE.equals(member.getAttribute(MemberAttributes.ROLE));
    }

    /** A member's integer attribute ({@link MemberAttributes}), 0 when it has none or not a number. */
    public static int attribute(com.hazelcast.cluster.Member member, String name) {
        try {
            return Integer.parseInt(member.getAttribute(name));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
