package dev.gridexec.scheduler;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One running job's timeout, its periodic straggler check and, while all its nodes are gone, its wait for a node, on
 * the scheduler's timer. Once {@link #cancel cancelled}
 * (the job ended, or left this coordinator) it also cancels at once what {@link #start} schedules later.
 *
 * <p>Locking: its own monitor is a leaf. {@link JobRun} calls {@link #cancel} with its own monitor held and
 * {@link #start} without; nothing here calls out while holding this monitor but the timer's futures.
 */
final class JobTimers {

    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> stragglerCheck;
    private ScheduledFuture<?> nodeWait;
    private boolean cancelled;

    JobTimers(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Schedules {@code onTimeout} after {@code limit}, when there is one, and {@code checkStragglers} every
     * {@link StragglerPolicy#CHECK_EVERY}.
     */
    void start(Optional<Duration> limit, Runnable onTimeout, Runnable checkStragglers) {
        ScheduledFuture<?> scheduled = limit.map(after -> timer.schedule(onTimeout, after.toNanos(), TimeUnit.NANOSECONDS))
                .orElse(null);
        long every = StragglerPolicy.CHECK_EVERY.toNanos();
        ScheduledFuture<?> check = timer.scheduleWithFixedDelay(checkStragglers, every, every, TimeUnit.NANOSECONDS);
        synchronized (this) {
            timeout = scheduled;
            stragglerCheck = check;
            if (cancelled) {
                cancelScheduled();
            }
        }
    }

    /**
     * Starts waiting for a node: {@code onGiveUp} runs after {@code wait} unless {@link #nodesBack} comes first.
     *
     * @return false when the job already waits (nothing done) or the timers are cancelled
     */
    synchronized boolean waitForNodes(Duration wait, Runnable onGiveUp) {
        if (cancelled || nodeWait != null) {
            return false;
        }
        nodeWait = timer.schedule(onGiveUp, wait.toNanos(), TimeUnit.NANOSECONDS);
        return true;
    }

    /** Whether the job is waiting for a node now. */
    synchronized boolean waitingForNodes() {
        return nodeWait != null;
    }

    /**
     * A node is back: the wait ends.
     *
     * @return whether the job was waiting
     */
    synchronized boolean nodesBack() {
        if (nodeWait == null) {
            return false;
        }
        nodeWait.cancel(false);
        nodeWait = null;
        return true;
    }

    /** Cancels the timeout, the straggler check and a node wait, now and whenever they are scheduled later. */
    synchronized void cancel() {
        cancelled = true;
        cancelScheduled();
    }

    private void cancelScheduled() {
        if (timeout != null) {
            timeout.cancel(false);
        }
        if (stragglerCheck != null) {
            stragglerCheck.cancel(false);
        }
        if (nodeWait != null) {
            nodeWait.cancel(false);
        }
    }
}
