package dev.gridexec.lifecycle;

import dev.gridexec.settings.InvalidSettingsException;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * What a gridexec process's main does, the node's and the coordinator's alike: resolves its settings (invalid ones
 * reported, exit 2), starts it (a start refused with the exception the process names reported, with the exit code it
 * names), tells that it started, then runs it {@link UntilTerminated} (exit 0).
 */
public final class ProcessLaunch {

    /** Resolves a process's settings from its flags and environment. */
    @FunctionalInterface
    public interface Settings<S> {
        S resolve() throws InvalidSettingsException;
    }

    /** Starts a process from its settings. */
    @FunctionalInterface
    public interface Start<S, P extends AutoCloseable> {
        P start(S settings) throws Exception;
    }

    private ProcessLaunch() {
    }

    /**
     * Runs process {@code name} until the JVM is asked to stop.
     *
     * @param err     where problems are reported
     * @param refused the exception by which {@code start} says the process cannot start (its message is reported);
     *                any other goes on up
     * @param refusedExit the exit code of a refused start
     * @param started told of the process once it has started
     * @return the process's exit code
     */
    public static <S, P extends AutoCloseable> int run(String name, PrintWriter err, Settings<S> settings, Start<S, P> start,
            Class<? extends RuntimeException> refused, int refusedExit, Consumer<P> started) throws Exception {
        S resolved;
        try {
            resolved = settings.resolve();
        } catch (InvalidSettingsException e) {
            return e.report(name, err);
        }
        P process;
        try {
            process = start.start(resolved);
        } catch (RuntimeException e) {
            if (!refused.isInstance(e)) {
                throw e;
            }
            err.println("error: " + e.getMessage());
            return refusedExit;
        }
        started.accept(process);
        UntilTerminated.run(process, name);
        return 0;
    }
}
