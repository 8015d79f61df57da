package dev.gridexec.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's worker threads: {@code capacity} of them, made once (on the first chunk) and shared by every job.
 * Jobs take turns: a worker takes one chunk from the job at the head of the ready line and puts the job back
 * at its end, so that jobs asking together for more than the capacity are served round robin. A job is in the
 * line while it has a queued chunk and fewer chunks running than its limit.
 *
 * <p>Every field of the jobs' {@link ExecutionModel}s that scheduling reads is guarded by this class's lock, and
 * so are the jobs' {@link Interpreters} (acquire and release run under it).
 */
final class Workers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    /** A chunk waiting for a worker. */
    record Pending(ChunkWork work, CompletableFuture<ChunkOutcome> result) {
    }

    private final int capacity;
    private final String threadPrefix;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<ExecutionModel> ready = new ArrayDeque<>(); // guarded by lock
    private final List<Thread> threads = new ArrayList<>(); // guarded by lock
    private int busy; // guarded by lock
    private boolean shut; // guarded by lock

    Workers(String nodeName, int capacity) {
        this.capacity = capacity;
        this.threadPrefix = "gridexec-worker-" + nodeName + "-";
    }

    int capacity() {
        return capacity;
    }

    /** Workers running a chunk now. */
    int busy() {
        lock.lock();
        try {
            return busy;
        } finally {
            lock.unlock();
        }
    }

    /** Worker threads made so far (0 before the first chunk, then {@link #capacity()}). */
    int threads() {
        lock.lock();
        try {
            return threads.size();
        } finally {
            lock.unlock();
        }
    }

    /** Queues a chunk of {@code job}; a closed job's chunk completes as cancelled at once. */
    void submit(ExecutionModel job, Pending pending) {
        lock.lock();
        try {
            if (!job.closed && !shut) {
                startThreads();
                job.queue.add(pending);
                enqueueIfReady(job);
                return;
            }
        } finally {
            lock.unlock();
        }
        pending.result().complete(new ChunkOutcome.Cancelled(0));
    }

    /**
     * Closes {@code job}: its queued chunks complete as cancelled, its running ones end at their next checkpoint
     * (the caller has cancelled the job), and once none runs the job {@linkplain ExecutionModel#finish() finishes}.
     */
    void close(ExecutionModel job) {
        List<Pending> dropped = new ArrayList<>();
        boolean finishNow;
        lock.lock();
        try {
            if (job.closed) {
                return;
            }
            job.closed = true;
            dropped.addAll(job.queue);
            job.queue.clear();
            if (job.inLine) {
                ready.remove(job);
                job.inLine = false;
            }
            finishNow = job.running == 0;
        } finally {
            lock.unlock();
        }
        for (Pending pending : dropped) {
            pending.result().complete(new ChunkOutcome.Cancelled(0));
        }
        if (finishNow) {
            job.finish();
        }
    }

    /** Stops the worker threads once their current chunk ends. Jobs still open should be closed first. */
    @Override
    public void close() {
        lock.lock();
        try {
            shut = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void startThreads() {
        if (!threads.isEmpty()) {
            return;
        }
        for (int i = 0; i < capacity; i++) {
            Thread thread = new Thread(this::serve, threadPrefix + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Puts {@code job} at the end of the line if it may run one more chunk now, and wakes a worker. */
    private void enqueueIfReady(ExecutionModel job) {
        if (!job.inLine && !job.closed && !job.queue.isEmpty() && job.running < job.limit) {
            ready.addLast(job);
            job.inLine = true;
            work.signal();
        }
    }

    private void serve() {
        lock.lock();
        try {
            while (true) {
                ExecutionModel job = ready.pollFirst();
                if (job == null) {
                    if (shut) {
                        return;
                    }
                    work.awaitUninterruptibly();
                    continue;
                }
                job.inLine = false;
                Pending pending = job.queue.poll();
                Interpreter interpreter = job.interpreters.acquire();
                job.running++;
                busy++;
                enqueueIfReady(job); // back at the end of the line: round robin between jobs
                if (!ready.isEmpty()) {
                    work.signal();
                }
                lock.unlock();
                try {
                    runOne(interpreter, pending);
                } finally {
                    lock.lock();
                }
                job.interpreters.release(interpreter);
                job.running--;
                busy--;
                if (job.closed && job.running == 0) {
                    lock.unlock();
                    try {
                        job.finish();
                    } finally {
                        lock.lock();
                    }
                } else {
                    enqueueIfReady(job);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private static void runOne(Interpreter interpreter, Pending pending) {
        Thread.interrupted(); // a cancel aimed at the previous chunk's wait must not hit this one
        ChunkOutcome outcome;
        try {
            outcome = interpreter.run(pending.work());
        } catch (Throwable unexpected) {
            LOG.error("interpreter failed outside the kernel", unexpected);
            outcome = new ChunkOutcome.Failed(Outcomes.describe(unexpected), true, 0);
        }
        pending.result().complete(outcome);
    }
}
