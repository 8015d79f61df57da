package dev.gridexec.cli;

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
        return show(coordinator.client().job(id), JobPrinter::summary);
    }
}
