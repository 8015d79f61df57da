package dev.gridexec.cli;

import dev.gridexec.wire.NodeInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code client nodes}: the members that run chunks, with their capacity and load. */
@Command(name = "nodes",
        mixinStandardHelpOptions = true,
        description = "Lists the nodes of the coordinator's cluster: address, state (ready, draining, suspect), processors, "
                + "capacity, busy workers, CPU load, heap used/most, running jobs, warm slots per kernel, version.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:usage", "3:the coordinator cannot be reached"})
final class NodesCommand implements Callable<Integer> {

    @Mixin
    CoordinatorOptions coordinator;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<NodeInfo> nodes = coordinator.client().nodes();
        if (coordinator.printedJsonOrNone(nodes, nodes.isEmpty(), "no nodes: the coordinator has no member to run chunks")) {
            return 0;
        }
        Table table = new Table("NAME", "ADDRESS", "STATE", ">PROCESSORS", ">CAPACITY", ">BUSY", ">CPU", ">HEAP", ">RUNNING-JOBS",
                "WARM-SLOTS", "VERSION");
        for (NodeInfo node : nodes) {
            table.row(node.name(), node.address(), state(node), node.processors(), node.capacity(),
                    node.busyWorkers() < 0 ? "?" : node.busyWorkers(), cpu(node.cpuLoad()),
                    heap(node.heapUsedBytes(), node.heapMaxBytes()), node.runningJobs(), warmSlots(node.warmSlots()),
                    node.version());
        }
        table.print(spec.commandLine().getOut());
        return 0;
    }

    /** {@code ready}, {@code draining}, {@code suspect}, or {@code suspect(slow)} for a node a running job finds slow. */
    static String state(NodeInfo node) {
        String state = node.state().label();
        return node.slow() && node.state() == NodeInfo.State.SUSPECT ? state + "(slow)" : state;
    }

    /** {@code 37%} of the processors the node may use, or {@code ?} when not known. */
    static String cpu(double load) {
        return load < 0 ? "?" : Math.round(load * 100) + "%";
    }

    /** {@code 412/4096MiB} (used / most), {@code 412MiB} when the heap has no limit, {@code ?} when not known. */
    static String heap(long used, long max) {
        if (used < 0) {
            return "?";
        }
        return max < 0 ? mib(used) + "MiB" : mib(used) + "/" + mib(max) + "MiB";
    }

    private static long mib(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }

    /** {@code primes:2 pi:1}, or {@code -} when the node holds none. */
    static String warmSlots(Map<String, Integer> warm) {
        if (warm.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        warm.forEach((kernel, count) -> out.append(out.length() == 0 ? "" : " ").append(shortKernel(kernel)).append(':').append(count));
        return out.toString();
    }

    /** An artifact kernel {@code <sha256>/<class>} as {@code <first 12 of sha256>/<simple class name>}. */
    private static String shortKernel(String kernel) {
        int slash = kernel.indexOf('/');
        if (slash < 0) {
            return kernel;
        }
        String sha = kernel.substring(0, Math.min(12, slash));
        String className = kernel.substring(slash + 1);
        return sha + "/" + className.substring(className.lastIndexOf('.') + 1);
    }
}
