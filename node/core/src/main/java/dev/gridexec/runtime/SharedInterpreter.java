package dev.gridexec.runtime;

import dev.gridexec.runtime.lock.SwitchingLock;

/**
 * Runs chunks with the node's shared kernel classes, passing inputs and outputs by reference; optionally
 * under a lock that all worker threads share (the gil). Used by the {@code threads} and {@code gil} models.
 */
public final class SharedInterpreter implements Interpreter {

    private final SwitchingLock lock; // null: free threads

    public SharedInterpreter(SwitchingLock lock) {
        this.lock = lock;
    }

    @Override
    public ChunkOutcome run(ChunkWork work) {
        JobScope job = work.job();
        if (job.cancellation().isCancelled()) {
            return new ChunkOutcome.Cancelled(0);
        }
        RunContext context = new RunContext(work.index(), job.seed(), job.cancellation(), lock);
        if (lock != null) {
            lock.acquire();
        }
        long start = System.nanoTime();
        try {
            Object output = job.kernel().run(job.params(), work.input(), context);
            return new ChunkOutcome.Done(output, System.nanoTime() - start);
        } catch (Throwable thrown) {
            return Outcomes.ofThrown(thrown, job.cancellation(), System.nanoTime() - start);
        } finally {
            if (lock != null) {
                lock.release();
            }
        }
    }
}
