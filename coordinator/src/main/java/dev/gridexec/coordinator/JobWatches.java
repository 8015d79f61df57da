package dev.gridexec.coordinator;

import dev.gridexec.wire.JobRecord;
import dev.gridexec.jobstore.JobStore;
import dev.gridexec.scheduler.JobListener;
import dev.gridexec.scheduler.JobProgress;
import dev.gridexec.scheduler.JobRun;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What {@link StoredJobService#watch} hands a listener: a job running here as it tells (see {@link Moveable}), a job
 * another coordinator runs as its stored record's updates tell. Each watch keeps its own state (a {@link Moveable}'s
 * monitor guards it); this class keeps none.
 */
final class JobWatches {

    private final JobStore store;
    private final ResultsApart results;

    JobWatches(JobStore store, ResultsApart results) {
        this.store = store;
        this.results = results;
    }

    /** Tells {@code listener} of job {@code id} as it runs here on {@code job}, then from the store if it moves; returns what stops that. */
    Runnable here(JobRun job, JobListener listener) {
        Moveable moveable = new Moveable(job.id(), listener);
        moveable.unsubscribe = job.subscribe(moveable);
        return moveable::stop;
    }

    /** Tells {@code listener} of job {@code id}'s stored record updates until it ends; returns what stops that. */
    Runnable stored(String id, JobListener listener) {
        AtomicBoolean finished = new AtomicBoolean();
        Consumer<JobRecord> pass = record -> {
            if (!record.state().terminal()) {
                listener.progress(new JobProgress(record.chunks().done(), record.chunks().total(), record.chunks().retried(),
                        record.timing().wallMs()));
            } else if (finished.compareAndSet(false, true)) {
                listener.finished(record);
            }
        };
        Runnable stop = store.follow(id, pass);
        store.find(id).ifPresent(pass); // what was stored before following
        return stop;
    }

    /**
     * Passes on what a job running here tells; if the job moves to another coordinator, what its stored record tells.
     * Its monitor guards {@code following} and {@code stopped} (a move and a stop may race).
     */
    private final class Moveable implements JobListener {
        private final String id;
        private final JobListener listener;
        private volatile Runnable unsubscribe = () -> { };
        private Runnable following = () -> { };
        private boolean stopped;

        Moveable(String id, JobListener listener) {
            this.id = id;
            this.listener = listener;
        }

        @Override
        public void progress(JobProgress progress) {
            listener.progress(progress);
        }

        @Override
        public void finished(JobRecord record) {
            listener.finished(results.served(record));
        }

        @Override
        public synchronized void moved() {
            if (!stopped) {
                following = stored(id, listener);
            }
        }

        synchronized void stop() {
            stopped = true;
            unsubscribe.run();
            following.run();
        }
    }
}
