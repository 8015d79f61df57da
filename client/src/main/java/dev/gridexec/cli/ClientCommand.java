package dev.gridexec.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code client} command that writes its results to the command line's out and everything else to its err
 * (tests give their own writers), and reads the environment as the command line sees it.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        return execute(spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs the command, writing to {@code out} and {@code err}; returns its exit code. */
    abstract int execute(PrintWriter out, PrintWriter err) throws Exception;

    /** An environment variable as the command line sees it (tests give their own). */
    final String env(String name) {
        return spec.root().userObject() instanceof Main main ? main.env(name) : System.getenv(name);
    }
}
