package dev.gridexec.cli;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.JobState;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** {@code client result ID}: the result JSON of a job that succeeded; why not, otherwise. */
@Command(name = "result",
        mixinStandardHelpOptions = true,
        description = {"Prints the result of a job that SUCCEEDED, as JSON on stdout.",
                "For a job that failed, was cancelled or is still running, says so on stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the result is on stdout", "1:the job failed, was cancelled, or has not ended yet",
                "2:no such job, or usage", "3:the coordinator cannot be reached"})
final class ResultCommand extends JobIdCommand {

    @Override
    public Integer call() throws Exception {
        JobRecord record = coordinator.client().job(id);
        PrintWriter err = spec.commandLine().getErr();
        if (record.state() == JobState.SUCCEEDED) {
            JobPrinter.json(coordinator.client().withResult(record).result(), spec.commandLine().getOut());
            return 0;
        }
        if (!record.state().terminal()) {
            err.printf("error: job %s is still %s (%d/%d chunks done): no result yet; follow it with: %s%n",
                    id, record.state(), record.chunks().done(), record.chunks().total(), coordinator.again("status", id));
        } else if (record.error() != null) {
            err.printf("error: job %s %s, so it has no result: %s: %s%n", id, record.state(),
                    record.error().reason(), record.error().message());
        } else {
            err.printf("error: job %s %s, so it has no result%n", id, record.state());
        }
        err.flush();
        return Main.JOB_FAILED;
    }
}
