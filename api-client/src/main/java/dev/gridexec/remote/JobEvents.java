package dev.gridexec.remote;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.scheduler.JobProgress;

/** What following a job reports as it happens, called on the HTTP client's threads, one call at a time. */
public interface JobEvents {

    /** The job's record: first when the stream opens, then whenever the coordinator sends a state change. */
    default void state(JobRecord record) {
    }

    /** Chunks done so far. */
    default void progress(JobProgress progress) {
    }
}
