package dev.gridexec.members;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.catalog.KernelResolver;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.cluster.ClusterConfigs;
import dev.gridexec.cluster.MemberAttributes;
import dev.gridexec.scheduler.Member;
import dev.gridexec.scheduler.MemberJob;
import dev.gridexec.wire.Task;
import dev.gridexec.trust.Seal;
import java.util.List;

/** A gridexec node reached through Hazelcast: chunks travel to it in batches on the cluster's executor. */
public final class HazelcastMember implements Member {

    private final com.hazelcast.cluster.Member member;
    private final IExecutorService chunks;
    private final IExecutorService control;
    private final KernelResolver kernels;
    private final Seal seal;

    public HazelcastMember(HazelcastInstance local, com.hazelcast.cluster.Member member, KernelResolver kernels) {
        this.member = member;
        this.chunks = local.getExecutorService(ClusterConfigs.EXECUTOR);
        this.control = local.getExecutorService(ClusterConfigs.CONTROL_EXECUTOR);
        this.kernels = kernels;
        this.seal = Seal.of(local);
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

    /** The node's {@code workers} setting, as it announces it: the most workers it runs for all jobs together. */
    @Override
    public int capacity() {
        try {
            return Integer.parseInt(member.getAttribute(MemberAttributes.MAX_WORKERS));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public boolean runs(Task task) {
        return runs(member, task);
    }

    /**
     * Whether {@code member} can run {@code task}'s kernel: a kernel of an optional module (one this process has as a
     * plugin, such as python) only where the member announces it in {@link MemberAttributes#PLUGIN_KERNELS}.
     */
    static boolean runs(com.hazelcast.cluster.Member member, Task task) {
        if (task.artifact() != null || !KernelCatalog.pluginNames().contains(task.kernel())) {
            return true;
        }
        return List.of(String.valueOf(member.getAttribute(MemberAttributes.PLUGIN_KERNELS)).split(","))
                .contains(task.kernel());
    }

    /**
     * Opens the job. A built-in kernel's member job holds the kernel (to decode outputs into its classes) until it is
     * closed; a jar kernel's takes its inputs encoded and gives its outputs encoded, loading none of the jar's classes
     * (they are split and reduced on a node: {@link NodeKernels}).
     */
    @Override
    public MemberJob open(String jobId, Task task) {
        if (task.artifact() != null) {
            return new RemoteJob(jobId, task, member, name(), chunks, control, null, seal);
        }
        ResolvedKernel kernel = kernels.resolve(task);
        try {
            return new RemoteJob(jobId, task, member, name(), chunks, control, kernel, seal);
        } catch (RuntimeException | Error e) {
            kernel.close();
            throw e;
        }
    }
}
