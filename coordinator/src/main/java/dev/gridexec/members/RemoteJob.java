package dev.gridexec.members;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import dev.gridexec.wire.BatchResult;
import dev.gridexec.catalog.ResolvedKernel;
import dev.gridexec.cluster.EndJob;
import dev.gridexec.cluster.RunBatch;
import dev.gridexec.wire.ChunkBatch;
import dev.gridexec.wire.TaskCodec;
import dev.gridexec.trust.Seal;
import dev.gridexec.runtime.ChunkOutcome;
import dev.gridexec.runtime.Outcomes;
import dev.gridexec.scheduler.ChunkValues;
import dev.gridexec.scheduler.MemberJob;
import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job on a remote node. Chunks queued by {@link #submit} leave as one {@link RunBatch} at {@link #flush};
 * the batch's result completes their futures. A member that leaves or refuses work fails the batch's
 * chunks (the scheduler retries them elsewhere) and gets no more.
 */
final class RemoteJob implements MemberJob {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJob.class);

    private final String jobId;
    private final byte[] task;
    private final Member member;
    private final String name;
    private final IExecutorService chunks;
    private final IExecutorService control;
    private final ChunkValues values;
    /** The built-in kernel resolved for the job, closed with it; null for a jar kernel, whose values stay encoded here. */
    private final ResolvedKernel kernel;
    private final Seal seal;
    private final int threads;
    private final List<Integer> queuedIndices = new ArrayList<>();
    private final List<byte[]> queuedInputs = new ArrayList<>();
    private final List<CompletableFuture<ChunkOutcome>> queuedResults = new ArrayList<>();
    private volatile boolean alive = true;
    /** Whether the node has refused a batch: from then on it starts none of this job's chunks. */
    private volatile boolean refused;
    private volatile long startupMs;

    /**
     * @param kernel the built-in kernel, resolved for the job (its codec encodes the inputs and decodes the outputs) and
     *               closed with it; null for a jar kernel, whose inputs and outputs stay encoded
     * @param seal   signs the batches and the end of the job (the nodes of a cluster with a secret act on nothing unsigned)
     */
    RemoteJob(String jobId, Task task, Member member, String name, IExecutorService chunks, IExecutorService control,
              ResolvedKernel kernel, Seal seal) {
        this.jobId = jobId;
        this.seal = seal;
        this.task = TaskCodec.encode(task);
        this.member = member;
        this.name = name;
        this.chunks = chunks;
        this.control = control;
        this.kernel = kernel;
        this.values = kernel == null ? ChunkValues.ENCODED : ChunkValues.of(kernel.codec(), kernel.newInstance().outputType());
        this.threads = task.workers() * (task.mode() == Mode.SLOTS ? task.threadsPerSlot() : 1);
    }

    @Override
    public synchronized CompletableFuture<ChunkOutcome> submit(int index, Object input) {
        CompletableFuture<ChunkOutcome> result = new CompletableFuture<>();
        try {
            queuedInputs.add(values.encode(input));
        } catch (RuntimeException e) {
            result.complete(new ChunkOutcome.Failed(Outcomes.describe(e), false, 0));
            return result;
        }
        queuedIndices.add(index);
        queuedResults.add(result);
        return result;
    }

    @Override
    public synchronized void flush() {
        if (queuedIndices.isEmpty()) {
            return;
        }
        int[] indices = queuedIndices.stream().mapToInt(Integer::intValue).toArray();
        byte[][] inputs = queuedInputs.toArray(new byte[0][]);
        List<CompletableFuture<ChunkOutcome>> results = List.copyOf(queuedResults);
        queuedIndices.clear();
        queuedInputs.clear();
        queuedResults.clear();
        if (!alive) {
            handBack(results, "node " + name + " left the job before the batch was sent");
            return;
        }
        try {
            Future<BatchResult> sent = chunks.submitToMember(new RunBatch(seal, new ChunkBatch(jobId, task, indices, inputs)), member);
            ((CompletionStage<BatchResult>) sent).whenCompleteAsync((batch, thrown) -> {
                if (thrown == null) {
                    complete(batch, results);
                } else {
                    lost(thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown, results);
                }
            }, BatchCallbacks.executor());
        } catch (RuntimeException e) {
            lost(e, results);
        }
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public long startupMs() {
        return startupMs;
    }

    @Override
    public boolean alive() {
        return alive;
    }

    @Override
    public void close() {
        try {
            control.executeOnMember(new EndJob(seal, jobId), member);
        } catch (RuntimeException e) {
            LOG.debug("job {}: could not tell {} that the job ended: {}", jobId, name, e.toString());
        } finally {
            if (kernel != null) {
                kernel.close();
            }
        }
    }

    private void complete(BatchResult batch, List<CompletableFuture<ChunkOutcome>> results) {
        if (batch.startupNanos() > 0) {
            startupMs = TimeUnit.NANOSECONDS.toMillis(batch.startupNanos());
        }
        for (int i = 0; i < results.size(); i++) {
            results.get(i).complete(outcome(batch, i));
        }
    }

    private ChunkOutcome outcome(BatchResult batch, int i) {
        long nanos = batch.computeNanos()[i];
        switch (batch.kinds()[i]) {
            case BatchResult.DONE:
                try {
                    return new ChunkOutcome.Done(values.decodeOutput(batch.outputs()[i]), nanos);
                } catch (RuntimeException e) {
                    return new ChunkOutcome.Failed("output from " + name + " did not decode: " + e.getMessage(), false, nanos);
                }
            case BatchResult.FAILED:
                return new ChunkOutcome.Failed(batch.messages()[i], false, nanos);
            case BatchResult.FATAL:
                return new ChunkOutcome.Failed(batch.messages()[i], true, nanos);
            case BatchResult.REJECTED:
                refused = true;
                alive = false;
                return new ChunkOutcome.Refused(batch.messages()[i]);
            default:
                return new ChunkOutcome.Cancelled(nanos);
        }
    }

    /**
     * A batch that never came back. Once the node has refused a batch (it was draining, or could not open the job)
     * it starts none: a draining node finishes every batch it started before it leaves, so what is lost after a
     * refusal never ran and is handed back. Otherwise the node may have died mid-chunk: each chunk is a failed attempt.
     */
    private void lost(Throwable thrown, List<CompletableFuture<ChunkOutcome>> results) {
        alive = false;
        String why = "node " + name + " was lost: " + thrown.getClass().getSimpleName()
                + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
        if (refused) {
            LOG.debug("job {}: node {} left after refusing work; {} unstarted chunks handed back", jobId, name, results.size());
            handBack(results, why);
            return;
        }
        LOG.warn("job {}: node {} failed a batch of {} chunks: {}", jobId, name, results.size(), thrown.toString());
        for (CompletableFuture<ChunkOutcome> result : results) {
            result.complete(new ChunkOutcome.Failed(why, false, 0));
        }
    }

    private static void handBack(List<CompletableFuture<ChunkOutcome>> results, String why) {
        for (CompletableFuture<ChunkOutcome> result : results) {
            result.complete(new ChunkOutcome.Refused(why));
        }
    }
}
