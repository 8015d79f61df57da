package dev.gridexec.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's execution model on one node: its interpreters and its queue of chunks, run by the node's shared
 * {@link Workers} in submission order, at most {@link #threads()} at once. Which interpreters a job gets is all
 * that tells {@code threads}, {@code slots} and {@code gil} apart. Once closed and its last chunk has ended, it
 * closes its interpreters (slots go back to the node's pool) and completes {@link #stopped()}.
 */
public final class ExecutionModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionModel.class);

    private final Workers workers;
    final Interpreters interpreters;
    /** The most chunks of this job running at once: the model's concurrency, capped at the node's capacity. */
    final int limit;
    private final Startup startup;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    // Guarded by the workers' lock:
    final ArrayDeque<Workers.Pending> queue = new ArrayDeque<>();
    int running;
    boolean inLine;
    boolean closed;

    ExecutionModel(Workers workers, Interpreters interpreters, long openedNanos) {
        this.workers = workers;
        this.interpreters = interpreters;
        this.limit = Math.max(1, Math.min(interpreters.concurrency(), workers.capacity()));
        this.startup = new Startup(openedNanos, interpreters.slotNanos());
    }

    /** Queues a chunk; the future completes with its outcome, on a worker thread. */
    public CompletableFuture<ChunkOutcome> submit(ChunkWork work) {
        CompletableFuture<ChunkOutcome> result = new CompletableFuture<>();
        workers.submit(this, new Workers.Pending(work, result));
        return result;
    }

    /** The most chunks of the job that run at once on this node. */
    public int threads() {
        return limit;
    }

    /** Completes once the model is closed, its last chunk has ended and its interpreters are closed. */
    public CompletableFuture<Void> stopped() {
        return stopped.copy();
    }

    /** What opening the model cost. */
    public Startup startup() {
        return startup;
    }

    /** Queued chunks complete as cancelled; running ones end at their next checkpoint (cancel the job first). */
    @Override
    public void close() {
        workers.close(this);
    }

    /** Called once, by whoever sees the model closed with no chunk running. */
    void finish() {
        try {
            interpreters.close();
        } catch (RuntimeException e) {
            LOG.warn("closing a job's interpreters failed", e);
        } finally {
            stopped.complete(null);
        }
    }
}
