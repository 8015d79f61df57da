package dev.gridexec.scheduler;

import dev.gridexec.wire.JobRecord;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one job: told of its progress, and once of its end (at once when they come after it). */
final class JobListeners {

    private static final Logger LOG = LoggerFactory.getLogger(JobListeners.class);

    private final String jobId;
    private final CompletableFuture<JobRecord> completion;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

    JobListeners(String jobId, CompletableFuture<JobRecord> completion, JobListener first) {
        this.jobId = jobId;
        this.completion = completion;
        listeners.add(first);
    }

    void progress(JobProgress progress) {
        for (JobListener listener : listeners) {
            listener.progress(progress);
        }
    }

    void finished(JobRecord record) {
        for (JobListener listener : listeners) {
            notifyFinished(listener, record);
        }
    }

    void moved() {
        for (JobListener listener : listeners) {
            try {
                listener.moved();
            } catch (RuntimeException e) {
                LOG.warn("job {}: a listener failed: {}", jobId, e.toString());
            }
        }
    }

    /** Adds a listener; one that comes after the end hears {@code finished} at once. Returns what removes it. */
    Runnable subscribe(JobListener listener) {
        listeners.add(listener);
        if (completion.isDone()) {
            listeners.remove(listener);
            notifyFinished(listener, completion.join());
        }
        return () -> listeners.remove(listener);
    }

    private void notifyFinished(JobListener listener, JobRecord record) {
        try {
            listener.finished(record);
        } catch (RuntimeException e) {
            LOG.warn("job {}: a listener failed: {}", jobId, e.toString());
        }
    }
}
