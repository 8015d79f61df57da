package dev.gridexec.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in-process with a given environment and Ctrl-C, capturing its output. */
final class Cli {

    record Run(int exit, String out, String err) {
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
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), environment::get, interrupts);
        return new Run(exit, out.toString(), err.toString());
    }
}
