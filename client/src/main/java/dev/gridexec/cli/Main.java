package dev.gridexec.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code client} command line: submit a task and follow it. Exit codes: 0 ok, 1 job failed or cancelled, 2 invalid input or usage. */
@Command(name = "client",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {SubmitCommand.class, dev.gridexec.bench.BenchCommand.class, CommandLine.HelpCommand.class},
        description = {"gridexec: run CPU-bound jobs in parallel and measure how they scale.",
                "Without a coordinator, jobs run on an embedded in-process node (no network)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the job failed or was cancelled", "2:invalid input or usage"})
public final class Main implements Runnable {

    /** The job failed or was cancelled. */
    public static final int JOB_FAILED = 1;
    /** Invalid input or usage. */
    public static final int INVALID = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'client submit task.json'");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", ex);
            return JOB_FAILED;
        });
        return commandLine.execute(args);
    }
}
