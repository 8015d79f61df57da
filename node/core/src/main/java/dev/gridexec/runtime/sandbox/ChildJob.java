package dev.gridexec.runtime.sandbox;

import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.ChunkWork;
import dev.gridexec.runtime.Interpreter;
import dev.gridexec.runtime.JobScope;
import dev.gridexec.runtime.Outcomes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's place in one child process: chunks the node's workers hand it run there (the worker waits for the
 * answer), inputs and outputs as encoded bytes. If the child dies, the chunks in it fail (the child's exit status
 * or signal says why) and the next chunk gets a fresh child with the job opened anew, so a retry never meets the
 * dead one. When the job is cancelled (or times out) the child is told, and destroyed if a chunk of the job still
 * runs there after the grace.
 */
final class ChildJob implements Interpreter {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJob.class);

    private final ChildPool pool;
    private final JobScope job;
    private final byte[] task;
    private final String jar;
    private final boolean keepWarm;
    private Child child; // guarded by this
    private int key; // guarded by this: the job's key in child

    private ChildJob(ChildPool pool, JobScope job, byte[] task, String jar, boolean keepWarm, Child child, int key) {
        this.pool = pool;
        this.job = job;
        this.task = task;
        this.jar = jar;
        this.keepWarm = keepWarm;
        this.child = child;
        this.key = key;
        job.cancellation().onCancel(this::cancelled);
    }

    /** The job opened in {@code child} (ready); on failure the child goes back to the pool. */
    static ChildJob open(ChildPool pool, JobScope job, byte[] task, String jar, boolean keepWarm, Child child) {
        int key;
        try {
            key = openIn(child, task, jar);
        } catch (RuntimeException e) {
            pool.giveBack(child, false);
            throw e;
        }
        return new ChildJob(pool, job, task, jar, keepWarm, child, key);
    }

    @Override
    public ChunkOutcome run(ChunkWork work) {
        if (job.cancellation().isCancelled()) {
            return new ChunkOutcome.Cancelled(0);
        }
        if (!work.encoded() && job.kernel() == null) {
            return new ChunkOutcome.Failed("a sandboxed jar kernel takes its inputs encoded only", true, 0);
        }
        byte[] input;
        try {
            input = work.encoded() ? (byte[]) work.input() : job.source().codec().encode(work.input());
        } catch (RuntimeException e) {
            return new ChunkOutcome.Failed(Outcomes.describe(e), false, 0);
        }
        Child target;
        int jobKey;
        synchronized (this) {
            if (!child.alive()) {
                try {
                    replace();
                } catch (RuntimeException e) {
                    return new ChunkOutcome.Failed(e.getMessage(), true, 0);
                }
            }
            target = child;
            jobKey = key;
        }
        CompletableFuture<ChunkOutcome> pending = target.run(jobKey, work.index(), input);
        if (job.cancellation().isCancelled()) {
            cancelled(); // a cancel that came while the chunk was on its way found nothing running to stop
        }
        ChunkOutcome outcome = pending.join();
        if (!(outcome instanceof ChunkOutcome.Done done)) {
            return outcome instanceof ChunkOutcome.Failed && job.cancellation().isCancelled()
                    ? new ChunkOutcome.Cancelled(outcome.computeNanos())
                    : outcome;
        }
        if (work.encoded()) {
            return done;
        }
        try {
            Object output = job.source().codec().decode((byte[]) done.output(), job.kernel().outputType());
            return new ChunkOutcome.Done(output, done.computeNanos());
        } catch (RuntimeException e) {
            return new ChunkOutcome.Failed(Outcomes.describe(e), false, done.computeNanos());
        }
    }

    /** The job has ended and no chunk of it runs: the child goes back to the pool (kept warm if it may be). */
    @Override
    public synchronized void close() {
        if (child.alive()) {
            child.close(key);
        }
        pool.giveBack(child, keepWarm);
    }

    /** The child this job runs in now. */
    synchronized Child child() {
        return child;
    }

    /** A dead child's place goes to a fresh one, with the job opened in it. Caller holds the lock. */
    private void replace() {
        if (job.cancellation().isCancelled()) {
            throw new IllegalStateException("the job was cancelled");
        }
        LOG.info("job {}: {}; running its next chunks in a fresh kernel process", job.jobId(), child.death());
        pool.giveBack(child, false);
        Child fresh = pool.take(1).get(0);
        try {
            key = openIn(fresh, task, jar);
        } catch (RuntimeException e) {
            pool.giveBack(fresh, false);
            throw e;
        }
        child = fresh;
    }

    private void cancelled() {
        Child target;
        int jobKey;
        synchronized (this) {
            target = child;
            jobKey = key;
        }
        if (!target.running(jobKey)) {
            return;
        }
        target.cancel(jobKey);
        Duration grace = pool.settings().cancelGrace();
        pool.schedule(() -> {
            if (target.running(jobKey)) {
                LOG.warn("job {}: a chunk in kernel process {} ignored the cancel for {}; destroying the process",
                        job.jobId(), target.pid(), grace);
                target.destroy();
            }
        }, grace);
    }

    private static int openIn(Child child, byte[] task, String jar) {
        try {
            return child.open(task, jar).get(ChildPool.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException(cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            child.destroy();
            throw new IllegalStateException("kernel process " + child.pid() + " did not open the job in "
                    + ChildPool.START_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the job in kernel process " + child.pid());
        }
    }
}
