package dev.gridexec.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A job's cancel switch: read at every checkpoint, and it interrupts the job's threads that are waiting in blocking sections. */
public final class Cancellation {

    private volatile boolean cancelled;
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();

    /** Whether the job was cancelled. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels: running chunks stop at their next checkpoint, waits are interrupted. Idempotent. */
    public void cancel() {
        cancelled = true;
        for (Thread thread : waiting) {
            thread.interrupt();
        }
    }

    void enterWait(Thread thread) {
        waiting.add(thread);
    }

    void exitWait(Thread thread) {
        waiting.remove(thread);
    }
}
