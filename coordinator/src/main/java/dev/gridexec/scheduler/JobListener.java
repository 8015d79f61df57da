package dev.gridexec.scheduler;

import dev.gridexec.wire.JobRecord;

/** Hears how a job goes. Called on scheduler and worker threads: return quickly, never block. */
public interface JobListener {

    /** A listener that hears nothing. */
    JobListener NONE = new JobListener() {
    };

    /** A chunk finished (or was re-queued). Called for every chunk: throttle any output. */
    default void progress(JobProgress progress) {
    }

    /** The job reached a terminal state. */
    default void finished(JobRecord record) {
    }

    /**
     * This coordinator stopped running the job without its ending here: another coordinator owns it now (see
     * {@link Scheduler#relinquish}). Nothing more is heard here; the job's record tells the rest.
     */
    default void moved() {
    }
}
