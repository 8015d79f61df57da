package dev.gridexec.members;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.scheduler.Member;
import dev.gridexec.scheduler.MemberJob;
import dev.gridexec.task.Task;

/** A gridexec node reached through Hazelcast: chunks travel to it in batches on the cluster's executor. */
public final class HazelcastMember implements Member {

    private final com.hazelcast.cluster.Member member;
    private final IExecutorService chunks;
    private final IExecutorService control;
    private final KernelCatalog catalog;

    public HazelcastMember(HazelcastInstance local, com.hazelcast.cluster.Member member, KernelCatalog catalog) {
        this.member = member;
        this.chunks = local.getExecutorService(ClusterConfigs.EXECUTOR);
        this.control = local.getExecutorService(ClusterConfigs.CONTROL_EXECUTOR);
        this.catalog = catalog;
    }

    /** The node's name as it announces it, else its address. */
    public static String nameOf(com.hazelcast.cluster.Member member) {
        String name = member.getAttribute(MemberAttributes.NAME);
        return name != null ? name : member.getAddress().toString();
    }

    @Override
    public String name() {
        return nameOf(member);
    }

    /** The Hazelcast member behind this node. */
    public com.hazelcast.cluster.Member member() {
        return member;
    }

    @Override
    public MemberJob open(String jobId, Task task) {
        Class<?> outputType = catalog.find(task.kernel())
                .orElseThrow(() -> new IllegalArgumentException("unknown kernel " + task.kernel()))
                .newInstance().outputType();
        return new RemoteJob(jobId, task, member, name(), chunks, control, outputType);
    }
}
