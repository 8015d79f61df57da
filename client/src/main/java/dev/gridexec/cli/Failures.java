package dev.gridexec.cli;

import dev.gridexec.remote.CoordinatorException;
import dev.gridexec.remote.CoordinatorHttpException;
import dev.gridexec.remote.CoordinatorUnreachableException;
import dev.gridexec.remote.JobNotFoundException;
import dev.gridexec.remote.Rejection;
import dev.gridexec.remote.TaskTooLargeException;
import dev.gridexec.remote.TokenRefusedException;
import dev.gridexec.wire.Problem;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;

/** The one place where a command's failure becomes a message on stderr and an exit code; no stack traces. */
final class Failures {

    /** What a 401 from the coordinator means to the user of the command line. */
    static final String TOKEN_REFUSED = "the coordinator refused the request: it needs a valid token (--token or "
            + CoordinatorOptions.TOKEN_ENV + ")";

    private Failures() {
    }

    /** Prints what went wrong and returns the exit code for it. */
    static int report(Exception failure, PrintWriter err) {
        LoggerFactory.getLogger(Failures.class).debug("command failed", failure);
        if (failure instanceof CoordinatorException remote) {
            return report(remote, err);
        }
        if (failure instanceof UsageException) {
            err.println("error: " + failure.getMessage());
            return Main.INVALID;
        }
        if (failure instanceof InterruptedException) {
            err.println("interrupted");
            return Main.INTERRUPTED;
        }
        err.println("error: " + failure.getMessage());
        return Main.JOB_FAILED;
    }

    private static int report(CoordinatorException failure, PrintWriter err) {
        if (failure instanceof TokenRefusedException) {
            err.println("error: " + TOKEN_REFUSED);
            err.println("  " + failure.getMessage());
            return Main.INVALID;
        }
        err.println("error: " + failure.getMessage());
        if (failure instanceof Rejection rejected) {
            for (Problem problem : rejected.problems()) {
                err.println("  " + problem);
            }
            return Main.INVALID;
        }
        if (failure instanceof JobNotFoundException || failure instanceof TaskTooLargeException) {
            return Main.INVALID;
        }
        if (failure instanceof CoordinatorUnreachableException) {
            return Main.UNREACHABLE;
        }
        if (failure instanceof dev.gridexec.remote.CoordinatorBusyException) {
            return Main.BUSY;
        }
        if (failure instanceof CoordinatorHttpException) {
            return Main.JOB_FAILED;
        }
        throw new AssertionError("unhandled " + failure.getClass().getName());
    }
}
