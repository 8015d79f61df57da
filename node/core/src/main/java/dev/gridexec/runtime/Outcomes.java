package dev.gridexec.runtime;

import dev.gridexec.kernel.api.ChunkCancelledException;
import dev.gridexec.task.Thrown;

/** Turns what a kernel threw into an outcome, with a one-line message naming where it was thrown. */
public final class Outcomes {

    private Outcomes() {
    }

    public static ChunkOutcome ofThrown(Throwable thrown, Cancellation cancellation, long computeNanos) {
        if (thrown instanceof ChunkCancelledException || cancellation.isCancelled()) {
            return new ChunkOutcome.Cancelled(computeNanos);
        }
        return new ChunkOutcome.Failed(describe(thrown), thrown instanceof Error, computeNanos);
    }

    /** {@code java.lang.ArithmeticException: / by zero (at Kernel.run(Kernel.java:42))}: what and where, no stack trace. */
    public static String describe(Throwable thrown) {
        return Thrown.describe(thrown);
    }
}
