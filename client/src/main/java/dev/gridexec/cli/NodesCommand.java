package dev.gridexec.cli;

import dev.gridexec.coordinator.NodeInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code client nodes}: the members that run chunks, with their capacity and load. */
@Command(name = "nodes",
        mixinStandardHelpOptions = true,
        description = "Lists the nodes of the coordinator's cluster: address, processors, max workers, running jobs, version.",
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
        PrintWriter out = spec.commandLine().getOut();
        if (coordinator.json) {
            JobPrinter.json(nodes, out);
            return 0;
        }
        if (nodes.isEmpty()) {
            spec.commandLine().getErr().println("no nodes: the coordinator has no member to run chunks");
            return 0;
        }
        Table table = new Table("NAME", "ADDRESS", ">PROCESSORS", ">MAX-WORKERS", ">RUNNING-JOBS", "VERSION");
        for (NodeInfo node : nodes) {
            table.row(node.name(), node.address(), node.processors(), node.maxWorkers(), node.runningJobs(), node.version());
        }
        table.print(out);
        return 0;
    }
}
