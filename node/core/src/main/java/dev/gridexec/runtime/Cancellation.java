package dev.gridexec.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A job's cancel switch: read at every checkpoint, and it interrupts the job's threads that are waiting in blocking sections. */
public final class Cancellation {

    private volatile boolean cancelled;
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private final List<Runnable> listeners = new ArrayList<>(); // guarded by this; run once, at the first cancel

    /** Whether the job was cancelled. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Cancels: running chunks stop at their next checkpoint, waits are interrupted. Idempotent. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (!cancelled) {
                cancelled = true;
                toRun = List.copyOf(listeners);
                listeners.clear();
            } else {
                toRun = List.of();
            }
        }
        for (Thread thread : waiting) {
            thread.interrupt();
        }
        toRun.forEach(Runnable::run);
    }

    /**
     * Runs {@code action} once, on the thread that cancels (at once if already cancelled): for work that a
     * checkpoint cannot reach, such as a chunk in a child process. It must not block.
     */
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (!cancelled) {
                listeners.add(action);
                return;
            }
        }
        action.run();
    }

    void enterWait(Thread thread) {
        waiting.add(thread);
    }

    void exitWait(Thread thread) {
        waiting.remove(thread);
    }
}
