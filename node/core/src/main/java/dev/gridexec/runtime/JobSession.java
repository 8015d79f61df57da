package dev.gridexec.runtime;

import dev.gridexec.codec.ValueCodec;
import java.util.concurrent.CompletableFuture;

/**
 * One job opened on one node: submit its chunks, cancel it, close it when the job ends. Once its model has
 * stopped (its slots are back in the node's pool), the session lets go of the kernel's artifact.
 */
public final class JobSession implements AutoCloseable {

    private final JobScope job;
    private final ExecutionModel model;
    private final CompletableFuture<Void> released;

    JobSession(JobScope job, ExecutionModel model) {
        this.job = job;
        this.model = model;
        this.released = model.stopped().whenComplete((stopped, failure) -> job.source().close());
    }

    /** Runs one attempt at chunk {@code index} with a decoded input; the future completes on a worker thread. */
    public CompletableFuture<ChunkOutcome> submit(int index, Object input) {
        return model.submit(new ChunkWork(job, index, input, false));
    }

    /**
     * Runs one attempt at chunk {@code index} with its input encoded in {@link #codec()}, as it came off the wire;
     * a {@link ChunkOutcome.Done}'s output is the encoded output. Nothing is decoded before the worker runs the
     * chunk, and in a slot the bytes are decoded only by the slot's own classes.
     */
    public CompletableFuture<ChunkOutcome> submitEncoded(int index, byte[] input) {
        return model.submit(new ChunkWork(job, index, input, true));
    }

    /**
     * The class chunk inputs decode to on this node.
     *
     * @throws IllegalStateException for a jar kernel sandboxed in a child process: this process has no instance
     *                               of it, and takes its inputs encoded only ({@link #submitEncoded})
     */
    public Class<?> inputType() {
        if (job.kernel() == null) {
            throw new IllegalStateException("kernel " + job.source().name() + " runs in a child process only");
        }
        return job.kernel().inputType();
    }

    /** The codec for chunk inputs and outputs of this node's kernel classes. */
    public ValueCodec codec() {
        return job.source().codec();
    }

    /** Completes once the session is closed, its last chunk has ended and the kernel's artifact is let go. */
    public CompletableFuture<Void> stopped() {
        return released.copy();
    }

    /** How many chunks of the job run at once on this node (its workers, capped at the node's capacity). */
    public int threads() {
        return model.threads();
    }

    /** What opening the job's execution model cost. */
    public Startup startup() {
        return model.startup();
    }

    /** Stops every chunk of the job at its next checkpoint and interrupts its waits. */
    public void cancel() {
        job.cancellation().cancel();
    }

    @Override
    public void close() {
        job.cancellation().cancel();
        model.close();
    }
}
