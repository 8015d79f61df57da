package dev.gridexec.runtime;

/** How one attempt at a chunk ended. */
public sealed interface ChunkOutcome {

    /** Nanoseconds the attempt spent running the kernel (0 when it never started). */
    long computeNanos();

    /**
     * The kernel returned an output: an object of the node's shared kernel output type, or its encoded bytes
     * when the chunk's input came encoded ({@link ChunkWork#encoded()}).
     */
    record Done(Object output, long computeNanos) implements ChunkOutcome {
    }

    /**
     * The kernel threw.
     *
     * @param message what was thrown, with the kernel frame where it was thrown; never a whole stack trace
     * @param fatal   an {@link Error} rather than an exception: in {@code slots} mode the slot was rebuilt
     */
    record Failed(String message, boolean fatal, long computeNanos) implements ChunkOutcome {
    }

    /** The job was cancelled before or while the chunk ran. */
    record Cancelled(long computeNanos) implements ChunkOutcome {
    }

    /**
     * The node never started the chunk: it was draining, or could not open the job. Not an attempt: the
     * scheduler hands the chunk back to run elsewhere without counting a retry.
     *
     * @param reason why the node refused, for logs
     */
    record Refused(String reason) implements ChunkOutcome {
        @Override
        public long computeNanos() {
            return 0;
        }
    }
}
