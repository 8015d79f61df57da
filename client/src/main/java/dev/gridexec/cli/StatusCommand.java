package dev.gridexec.cli;

import dev.gridexec.wire.JobRecord;
import picocli.CommandLine.Command;

/** {@code client status ID}: a job's record so far, as the summary {@code submit} prints or as JSON. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = "Shows a job on the coordinator as it is now: state, chunks done, result or error.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown, whatever the job's state", "2:no such job, or usage",
                "3:the coordinator cannot be reached"})
final class StatusCommand extends JobIdCommand {

    @Override
    public Integer call() throws Exception {
        JobRecord record = coordinator.client().job(id);
        if (coordinator.json) {
            JobPrinter.json(record, spec.commandLine().getOut());
        } else {
            JobPrinter.summary(record, spec.commandLine().getOut());
        }
        return 0;
    }
}
