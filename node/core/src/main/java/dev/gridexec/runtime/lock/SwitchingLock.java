package dev.gridexec.runtime.lock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fair lock handed over the way CPython hands over its GIL: a thread that has waited a whole switch
 * interval raises a drop request, and the holder gives the lock up at its next checkpoint.
 *
 * <p>Design (after CPython's {@code ceval_gil.c}): the waiter first waits one interval; if the lock is
 * still taken it sets {@code dropRequested} and queues on the fair lock. The holder, at a checkpoint,
 * sees the request (one volatile read), and if it has held the lock for at least one interval it
 * unlocks and queues again behind the waiter: the fair lock makes the hand-over forced, not a race
 * the holder could win again. Checkpoints with no waiter cost one volatile read.
 */
public final class SwitchingLock {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final long intervalNanos;
    private volatile boolean dropRequested;
    private long acquiredAt; // written and read only by the holder
    private long switches; // guarded by lock

    public SwitchingLock(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("switch interval must be positive, got " + intervalNanos + " ns");
        }
        this.intervalNanos = intervalNanos;
    }

    /** Takes the lock, raising a drop request if it is not free within one switch interval. Not interruptible. */
    public void acquire() {
        boolean interrupted = false;
        try {
            if (lock.tryLock(intervalNanos, TimeUnit.NANOSECONDS)) {
                acquiredAt = System.nanoTime();
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        dropRequested = true;
        lock.lock();
        acquiredAt = System.nanoTime();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gives the lock up; the caller must hold it. */
    public void release() {
        lock.unlock();
    }

    /**
     * Where the holder honours a pending drop request: hands the lock to the longest waiter and queues again.
     * The request stays raised until a waiter is queued: a waiter raises it just before it queues, and a
     * holder that cleared it in between would keep the lock for the rest of its chunk.
     */
    public void checkpoint() {
        if (dropRequested && System.nanoTime() - acquiredAt >= intervalNanos && lock.hasQueuedThreads()) {
            dropRequested = false;
            switches++;
            lock.unlock();
            acquire();
        }
    }

    /** Whether the current thread holds the lock. */
    public boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    /** How many forced hand-overs happened so far; read it while holding the lock or after the work is done. */
    public long switches() {
        return switches;
    }
}
