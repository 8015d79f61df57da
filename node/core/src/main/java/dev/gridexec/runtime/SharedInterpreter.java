package dev.gridexec.runtime;

import dev.gridexec.runtime.lock.SwitchingLock;

/**
 * Runs chunks with the node's shared kernel classes, passing inputs and outputs by reference; optionally
 * under a lock that all of the job's workers share (the gil). Used by the {@code threads} and {@code gil} models.
 * Encoded inputs are decoded here, on the worker, and outputs encoded back.
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
        Object input;
        try {
            input = work.encoded()
                    ? job.source().codec().decode((byte[]) work.input(), job.kernel().inputType())
                    : work.input();
        } catch (RuntimeException e) {
            return new ChunkOutcome.Failed(Outcomes.describe(e), false, 0);
        }
        RunContext context = new RunContext(work.index(), job.seed(), job.cancellation(), lock);
        if (lock != null) {
            lock.acquire();
        }
        long start = System.nanoTime();
        Object output;
        try {
            output = job.kernel().run(job.params(), input, context);
        } catch (Throwable thrown) {
            return Outcomes.ofThrown(thrown, job.cancellation(), System.nanoTime() - start);
        } finally {
            if (lock != null) {
                lock.release();
            }
        }
        long computeNanos = System.nanoTime() - start;
        if (!work.encoded()) {
            return new ChunkOutcome.Done(output, computeNanos);
        }
        try {
            return new ChunkOutcome.Done(job.source().codec().encode(output), computeNanos);
        } catch (RuntimeException e) {
            return new ChunkOutcome.Failed(Outcomes.describe(e), false, computeNanos);
        }
    }
}
