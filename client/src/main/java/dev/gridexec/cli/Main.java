package dev.gridexec.cli;

import java.io.PrintWriter;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code client} command line: submit a task and follow it, embedded or on a coordinator, and look
 * after jobs there. Exit codes: 0 ok, 1 job failed or cancelled, 2 invalid input or usage, 3
 * coordinator unreachable.
 */
@Command(name = "client",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        subcommands = {SubmitCommand.class, StatusCommand.class, ResultCommand.class, CancelCommand.class,
                ListCommand.class, NodesCommand.class, BenchCommand.class,
                ExperimentCommand.class,
                DispatchBenchCommand.class, CommandLine.HelpCommand.class},
        description = {"gridexec: run CPU-bound jobs in parallel and measure how they scale.",
                "Without a coordinator, jobs run on an embedded one-node cluster inside the client (loopback only).",
                "With --coordinator URL or env " + CoordinatorOptions.ENV + ", they run on that cluster (name several of its"
                        + " coordinators, repeated or comma-separated, and the client moves on when one cannot be reached);",
                "--token or env " + CoordinatorOptions.TOKEN_ENV + " gives its API token, when it asks for one."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the job failed or was cancelled", "2:invalid input or usage, or the token was refused",
                "3:the coordinator cannot be reached", "4:the coordinator's queue is full (HTTP 429); submit --retry waits"})
public final class Main implements Runnable {

    /** The job failed or was cancelled. */
    public static final int JOB_FAILED = 1;
    /** Invalid input or usage. */
    public static final int INVALID = 2;
    /** The coordinator cannot be reached. */
    public static final int UNREACHABLE = 3;
    /** The coordinator's queue is full (HTTP 429) and the command was not told to retry. */
    public static final int BUSY = 4;
    /** Stopped by Ctrl-C: 128 + SIGINT, as shells report it. */
    public static final int INTERRUPTED = 130;

    private final UnaryOperator<String> environment;
    private final Interrupts interrupts;

    @Spec
    CommandSpec spec;

    /** The real process: its environment and shutdown hooks. */
    public Main() {
        this(System::getenv, Interrupts.SHUTDOWN_HOOKS);
    }

    Main(UnaryOperator<String> environment, Interrupts interrupts) {
        this.environment = environment;
        this.interrupts = interrupts;
    }

    /** The environment variable {@code name}, null when unset (tests pass their own environment). */
    public String env(String name) {
        return environment.apply(name);
    }

    /** Where commands register what to do on Ctrl-C. */
    Interrupts interrupts() {
        return interrupts;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. 'client submit task.json'");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System::getenv, Interrupts.SHUTDOWN_HOOKS);
    }

    /** Runs the command line with the given streams, environment and Ctrl-C hooks; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err, UnaryOperator<String> environment, Interrupts interrupts) {
        CommandLine commandLine = new CommandLine(new Main(environment, interrupts));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((ex, cmd, parsed) -> Failures.report(ex, cmd.getErr()));
        return commandLine.execute(args);
    }
}
