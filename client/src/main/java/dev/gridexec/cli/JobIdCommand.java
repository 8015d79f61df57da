package dev.gridexec.cli;

import dev.gridexec.wire.JobRecord;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What the commands about one job ({@code status}, {@code result}, {@code cancel}) take: its id and the coordinator. */
abstract class JobIdCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ID", description = "the job's id, as submit printed it")
    String id;

    @Mixin
    CoordinatorOptions coordinator;

    @Spec
    CommandSpec spec;

    /** Prints {@code record} as JSON under {@code --json}, as {@code text} writes it otherwise; the exit code is 0. */
    final int show(JobRecord record, Text text) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (coordinator.json) {
            JobPrinter.json(record, out);
        } else {
            text.write(record, out);
            out.flush();
        }
        return 0;
    }

    /** How a command writes a job record for people. */
    @FunctionalInterface
    interface Text {
        void write(JobRecord record, PrintWriter out) throws Exception;
    }
}
