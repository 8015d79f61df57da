package dev.gridexec.cli;

import picocli.CommandLine.Command;

/** {@code client cancel ID}: cancels a job on the coordinator and prints its state afterwards. */
@Command(name = "cancel",
        mixinStandardHelpOptions = true,
        description = {"Cancels a job on the coordinator; its chunks stop on every node within a second.",
                "A job that has already ended keeps its state."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the coordinator took the request (the state shown is the job's now)",
                "2:no such job, or usage", "3:the coordinator cannot be reached"})
final class CancelCommand extends JobIdCommand {

    @Override
    public Integer call() throws Exception {
        return show(coordinator.client().cancel(id),
                (record, out) -> out.printf("%-10s job %s%n", record.state(), record.id()));
    }
}
