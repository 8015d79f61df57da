package dev.gridexec.members;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.coordinator.NodeInfo;
import dev.gridexec.scheduler.Member;
import dev.gridexec.scheduler.Scheduler;
import dev.gridexec.task.Task;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's gridexec nodes as the scheduler sees them: every data member that announces the node
 * role, in name order (so {@code nodes: N} picks the same N each time), and news of members joining.
 */
public final class ClusterMembers {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMembers.class);

    private final HazelcastInstance hazelcast;
    private final KernelResolver kernels;

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

    /** Tells the scheduler about nodes that join from now on. */
    public UUID feed(Scheduler scheduler) {
        return hazelcast.getCluster().addMembershipListener(new MembershipListener() {
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
        });
    }

    /** The nodes with their announced capacity; {@code runningJobs} counts jobs with chunks on each. */
    public List<NodeInfo> describe(java.util.function.ToIntFunction<String> runningJobs) {
        return nodes().stream()
                .map(member -> new NodeInfo(
                        HazelcastMember.nameOf(member),
                        member.getAddress().getHost() + ":" + member.getAddress().getPort(),
                        attribute(member, MemberAttributes.PROCESSORS),
                        attribute(member, MemberAttributes.MAX_WORKERS),
                        String.valueOf(member.getAttribute(MemberAttributes.VERSION)),
                        runningJobs.applyAsInt(HazelcastMember.nameOf(member))))
                .toList();
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
        boolean some = nodes.stream().anyMatch(member -> List.of(String.valueOf(member.getAttribute(MemberAttributes.PLUGIN_KERNELS))
                .split(",")).contains(task.kernel()));
        return some ? Optional.empty() : Optional.of("no node can run " + task.kernel() + " kernels: none of the "
                + nodes.size() + " node(s) announces it in " + MemberAttributes.PLUGIN_KERNELS + " ("
                + KernelCatalog.missingReason(task.kernel()).orElse("the node needs the kernel's module") + ")");
    }

    private List<com.hazelcast.cluster.Member> nodes() {
        return hazelcast.getCluster().getMembers().stream()
                .filter(ClusterMembers::isNode)
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
