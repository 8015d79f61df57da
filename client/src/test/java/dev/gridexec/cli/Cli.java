package dev.gridexec.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in-process with a given environment and Ctrl-C, capturing its output. */
public final class Cli {

    /** What one run of the command line returned and printed. */
    public record Run(int exit, String out, String err) {
    }

    private final Map<String, String> environment;
    private final Interrupts interrupts;

    Cli(Map<String, String> environment, Interrupts interrupts) {
        this.environment = Map.copyOf(environment);
        this.interrupts = interrupts;
    }

    /** A command line with no coordinator in its environment. */
    static Cli withoutEnvironment() {
        return new Cli(Map.of(), new ManualInterrupts());
    }

    /** A command line whose environment names {@code url} as the coordinator. */
    static Cli withCoordinatorInEnvironment(String url) {
        return new Cli(Map.of(CoordinatorOptions.ENV, url), new ManualInterrupts());
    }

    Run run(String... args) {
        return capture((out, err) -> Main.run(args, out, err, environment::get, interrupts));
    }

    /** Runs the command line on another thread (as {@link #run} does), for a test that interrupts or watches it meanwhile. */
    java.util.concurrent.CompletableFuture<Run> runInBackground(String... args) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> run(args));
    }

    /**
     * Runs the command line as {@link Main#run(String[], PrintWriter, PrintWriter)} does: with this process's environment
     * and Ctrl-C hooks.
     */
    public static Run inThisProcessEnvironment(String... args) {
        return capture((out, err) -> Main.run(args, out, err));
    }

    private static Run capture(java.util.function.ToIntBiFunction<PrintWriter, PrintWriter> command) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = command.applyAsInt(new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }
}
