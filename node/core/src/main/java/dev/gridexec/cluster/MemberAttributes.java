package dev.gridexec.cluster;

import dev.gridexec.catalog.KernelCatalog;
import dev.gridexec.wire.Mode;
import java.util.Map;

/** What a member announces to the cluster in its Hazelcast member attributes. */
public final class MemberAttributes {

    /** The member's name. */
    public static final String NAME = "gridexec.name";
    /** {@link #NODE} or {@link #COORDINATOR}. */
    public static final String ROLE = "gridexec.role";
    /** Processors the member's JVM sees. */
    public static final String PROCESSORS = "gridexec.processors";
    /** Workers a task gets on the node when it names none: the node's capacity. */
    public static final String MAX_WORKERS = "gridexec.maxWorkers";
    /** The node's capacity: the most workers it runs at once, for all jobs together. */
    public static final String CAPACITY = "gridexec.capacity";
    /** The node's default execution model. */
    public static final String MODE = "gridexec.mode";
    /** Kernels from optional modules the node can run (comma-separated, empty for none): {@code python} needs one. */
    public static final String PLUGIN_KERNELS = "gridexec.pluginKernels";
    /** gridexec's version. */
    public static final String VERSION = "gridexec.version";

    public static final String NODE = "node";
    public static final String COORDINATOR = "coordinator";

    private MemberAttributes() {
    }

    /** A node's attributes. */
    public static Map<String, String> node(String name, int workers, Mode mode) {
        return Map.of(NAME, name, ROLE, NODE, PROCESSORS, Integer.toString(Runtime.getRuntime().availableProcessors()),
                MAX_WORKERS, Integer.toString(workers), CAPACITY, Integer.toString(workers), MODE, mode.wireName(),
                VERSION, version(), PLUGIN_KERNELS, String.join(",", KernelCatalog.pluginNames()));
    }

    /** A coordinator's attributes. */
    public static Map<String, String> coordinator(String name) {
        return Map.of(NAME, name, ROLE, COORDINATOR, VERSION, version());
    }

    /** Whether {@code member} announces itself as a coordinator. */
    public static boolean isCoordinator(com.hazelcast.cluster.Member member) {
        return COORDINATOR.equals(member.getAttribute(ROLE));
    }

    /**
     * Whether {@code cluster} has a member that holds data (a node; coordinators are lite members). Without one the
     * cluster's maps have no partition owner: touching them only fails, after Hazelcast has warned once per partition.
     */
    public static boolean hasDataMember(com.hazelcast.cluster.Cluster cluster) {
        return cluster.getMembers().stream().anyMatch(member -> !member.isLiteMember());
    }

    /** gridexec's version, from the jar manifest ({@code dev} when run from classes). */
    public static String version() {
        String version = MemberAttributes.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
