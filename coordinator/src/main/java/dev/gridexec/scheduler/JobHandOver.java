package dev.gridexec.scheduler;

import dev.gridexec.wire.JobRecord;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a job stops running on this coordinator without ending here: handed over to another coordinator when this one
 * stops ({@link #stopDispatching}, then {@link #handOver}), relinquished when another one owns it now
 * ({@link #relinquish}), or abandoned at once ({@link #abandon}: what a killed coordinator leaves; tests). Its own
 * reason to change: the hand-over protocol between coordinators, apart from how the job runs.
 *
 * <p>Locking: it has no lock of its own. Its two flags are guarded by its {@link JobRun}'s monitor: {@link #leaving}
 * and {@link #released} are called with that monitor held; every other method takes it ({@code handOver} waits on it
 * for the chunks in flight; {@link JobDispatch} notifies it as each comes back) and closes the kernel outside it.
 */
final class JobHandOver {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);

    private final JobRun run;
    private final JobLanes lanes;
    private final JobTimers timers;
    private final JobListeners listeners;
    private boolean leaving; // no more dispatch: the job waits for its chunks in flight, then is left to an adopter
    private boolean released; // handed over: nothing more happens here

    JobHandOver(JobRun run, JobLanes lanes, JobTimers timers, JobListeners listeners) {
        this.run = run;
        this.lanes = lanes;
        this.timers = timers;
        this.listeners = listeners;
    }

    /** Whether the job gives no more chunks to nodes; called with the job's monitor held. */
    boolean leaving() {
        return leaving;
    }

    /** Whether the job has left this coordinator: nothing it hears changes it; called with the job's monitor held. */
    boolean released() {
        return released;
    }

    /** Stops giving the job's chunks to nodes (the first step of {@link #handOver}); chunks in flight go on. */
    void stopDispatching() {
        synchronized (run) {
            leaving = true;
        }
    }

    /** Makes the job inert at once: nothing it hears changes it any more (what a killed coordinator leaves; tests). */
    void abandon() {
        synchronized (run) {
            leaving = true;
            released = true;
        }
    }

    /**
     * Stops the job here at once because another coordinator owns it now: nothing more is sent, what comes back is
     * ignored, its kernel is let go, the nodes are not told (the owner's chunks run in the same session there), and
     * its listeners hear {@link JobListener#moved}.
     *
     * @return false when it had already ended or been handed over (nothing done)
     */
    boolean relinquish() {
        JobKernel toRelease;
        synchronized (run) {
            if (run.state().terminal() || released) {
                return false;
            }
            leaving = true;
            released = true;
            timers.cancel();
            toRelease = run.letKernelGo();
        }
        toRelease.close();
        LOG.warn("job {}: its stored record has ended or names another owner; it stops running here", run.id());
        listeners.moved();
        return true;
    }

    /**
     * Leaves the job to another coordinator: no chunk is sent any more, the chunks in flight are awaited until
     * {@code deadlineNanos} (their outputs reach the ledger), and then nothing more happens here: no state change, no
     * listener called, the nodes not told (the adopter's chunks run in the same session there). A job that ends while
     * it waits (its last chunks came in, or it was cancelled) ends as usual.
     *
     * @return the record to store for the adopter, or null when the job ended here
     */
    JobRecord handOver(long deadlineNanos) {
        int queued = run.position(); // outside the job's monitor: the queue's lock comes first
        synchronized (run) {
            leaving = true;
            while (!run.state().terminal() && lanes.inFlight() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("job {}: {} chunks still in flight when handed over; the adopter runs them again", run.id(), lanes.inFlight());
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(run, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            RunningWork work = run.running();
            if (run.state().terminal() || (work != null && work.allDone())) {
                return null; // it ends here (its reduce is on its way)
            }
            released = true;
            timers.cancel();
            return run.record(queued);
        }
    }
}
