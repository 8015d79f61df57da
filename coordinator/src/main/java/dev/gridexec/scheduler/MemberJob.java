package dev.gridexec.scheduler;

import dev.gridexec.runtime.ChunkOutcome;
import java.util.concurrent.CompletableFuture;

/** One job opened on one member. */
public interface MemberJob extends AutoCloseable {

    /** Queues one attempt at a chunk; the future completes with how it ended. A remote member sends at {@link #flush()}. */
    CompletableFuture<ChunkOutcome> submit(int index, Object input);

    /** Sends what {@link #submit} queued, as one batch. */
    default void flush() {
    }

    /** How many chunks the member can run at once for this job. */
    int threads();

    /** Milliseconds the member spent starting the job's execution model (0 until known). */
    long startupMs();

    /** False once the member has left or refused work: it gets no more chunks. */
    default boolean alive() {
        return true;
    }

    /** Stops the job's chunks on the member within a second; queued ones complete as cancelled. */
    @Override
    void close();
}
