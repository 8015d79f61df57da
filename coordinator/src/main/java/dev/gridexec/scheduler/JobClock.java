package dev.gridexec.scheduler;

import dev.gridexec.wire.Timing;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One job's clock: when it was accepted, the compute time its chunks have summed, and when it ended.
 *
 * <p>The accepted times are fixed; the summed compute time and the end are guarded by the job's monitor:
 * {@link #computed}, {@link #end} and {@link #timing} are called with {@link JobRun}'s monitor held.
 */
final class JobClock {

    private final long acceptedAtMillis;
    private final long acceptedNanos; // System.nanoTime() at acceptance (before this coordinator, for an adopted job)
    private long computeNanos;
    private long endNanos;

    JobClock(long acceptedAtMillis) {
        this.acceptedAtMillis = acceptedAtMillis;
        long now = System.currentTimeMillis();
        this.acceptedNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(Math.max(0, now - acceptedAtMillis));
    }

    /** When the job was accepted, in epoch milliseconds. */
    long acceptedAtMillis() {
        return acceptedAtMillis;
    }

    /** When the job was accepted, as an ISO-8601 instant. */
    String acceptedAt() {
        return Instant.ofEpochMilli(acceptedAtMillis).toString();
    }

    /** Milliseconds since the job was accepted. */
    long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acceptedNanos);
    }

    /** Adds a chunk attempt's compute time. */
    void computed(long nanos) {
        computeNanos += nanos;
    }

    /** Notes that the job ended now. */
    void end() {
        endNanos = System.nanoTime();
    }

    /** The job's timing: wall time until now, or until its end once {@code ended}. */
    Timing timing(boolean ended, long startupMs) {
        long end = ended ? endNanos : System.nanoTime();
        return new Timing(TimeUnit.NANOSECONDS.toMillis(end - acceptedNanos), startupMs,
                TimeUnit.NANOSECONDS.toMillis(computeNanos));
    }
}
