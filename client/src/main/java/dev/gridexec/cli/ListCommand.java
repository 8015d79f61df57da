package dev.gridexec.cli;

import dev.gridexec.jobs.JobRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code client list}: the coordinator's jobs, newest first, one line each. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the jobs the coordinator keeps, newest first: id, state (QUEUED #N: N-th in the queue), kernel, chunks done, wall time.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:usage", "3:the coordinator cannot be reached"})
final class ListCommand implements Callable<Integer> {

    @Mixin
    CoordinatorOptions coordinator;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<JobRecord> jobs = coordinator.client().jobs();
        PrintWriter out = spec.commandLine().getOut();
        if (coordinator.json) {
            JobPrinter.json(jobs, out);
            return 0;
        }
        if (jobs.isEmpty()) {
            spec.commandLine().getErr().println("no jobs");
            return 0;
        }
        Table table = new Table("ID", "STATE", "KERNEL", ">CHUNKS", ">WALL-MS");
        for (JobRecord job : jobs) {
            Object state = job.queuePosition() == null ? job.state() : job.state() + " #" + job.queuePosition();
            table.row(job.id(), state, job.task().kernel(), job.chunks().done() + "/" + job.chunks().total(),
                    job.timing().wallMs());
        }
        table.print(out);
        return 0;
    }
}
