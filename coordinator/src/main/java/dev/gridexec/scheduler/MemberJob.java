package dev.gridexec.scheduler;

import dev.gridexec.runtime.ChunkOutcome;
import java.util.concurrent.CompletableFuture;

/** One job opened on one member. */
public interface MemberJob extends AutoCloseable {

    /** Runs one attempt at a chunk; the future completes with how it ended. */
    CompletableFuture<ChunkOutcome> submit(int index, Object input);

    /** How many chunks the member can run at once for this job. */
    int threads();

    /** Milliseconds the member spent starting the job's execution model. */
    long startupMs();

    /** Stops the job's chunks on the member within a second; queued ones complete as cancelled. */
    @Override
    void close();
}
