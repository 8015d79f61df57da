package dev.gridexec.cli;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.remote.JobList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code client list}: the coordinator's jobs, newest first, one line each. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = {"Lists the jobs the coordinator keeps, newest first: id, state (QUEUED #N: N-th in the queue), kernel, chunks done, wall time.",
                "One page at a time (--limit); when there are more, stderr says how to ask for the next page (--after)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:listed", "2:usage", "3:the coordinator cannot be reached"})
final class ListCommand implements Callable<Integer> {

    @Mixin
    CoordinatorOptions coordinator;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "jobs per page, 1 to 1000 (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--after", paramLabel = "CURSOR", description = "the page after this cursor (the 'next' of the previous page)")
    String after;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (limit < 1 || limit > 1000) {
            throw new UsageException("--limit must be from 1 to 1000, got " + limit);
        }
        JobList page = coordinator.client().jobs(limit, after);
        List<JobRecord> jobs = page.jobs();
        if (coordinator.printedJsonOrNone(page, jobs.isEmpty(), "no jobs")) {
            return 0;
        }
        Table table = new Table("ID", "STATE", "KERNEL", ">CHUNKS", ">WALL-MS");
        for (JobRecord job : jobs) {
            Object state = job.queuePosition() == null ? job.state() : job.state() + " #" + job.queuePosition();
            table.row(job.id(), state, job.task().kernel(), job.chunks().done() + "/" + job.chunks().total(),
                    job.timing().wallMs());
        }
        table.print(spec.commandLine().getOut());
        if (page.next() != null) {
            spec.commandLine().getErr().println("more jobs: client list --after " + page.next());
        }
        return 0;
    }
}
