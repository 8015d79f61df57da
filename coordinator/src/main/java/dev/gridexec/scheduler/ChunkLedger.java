package dev.gridexec.scheduler;

import dev.gridexec.wire.ChunkCounts;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Where each of a job's chunks stands: pending, running (how many copies), done (its output), retried,
 * speculatively copied, failed. One output per chunk is kept, the first to arrive; later copies of a
 * chunk that is already done are dropped. Not thread-safe: its job holds the lock.
 *
 * <p>Memory: a few bytes of primitive arrays per chunk and no object per chunk of its own (a job may have 10^6): the
 * pending chunks are a cursor over those never taken plus a stack of the few that came back (retried or handed back),
 * taken first.
 */
final class ChunkLedger {

    private final Object[] outputs;
    private final boolean[] delivered;
    private final int[] attempts;
    private final byte[] running;
    private final boolean[] copied;
    /** Chunks taken before and queued again (retries, hand-backs), the last queued on top: taken before fresh ones. */
    private int[] requeued = new int[16];
    private int requeuedCount;
    /** The next chunk never taken (chunks restored as done are skipped); total when every one has been taken. */
    private int fresh;
    /** Chunks from {@link #fresh} on that are not done: never taken yet. */
    private int freshLeft;
    private int done;
    private int retried;
    private int failed;
    private int speculative;
    private int sent; // chunks 0..sent-1 have been taken at least once (retries come back below it)

    ChunkLedger(int total) {
        this(total, Map.of(), 0);
    }

    /**
     * A ledger that starts with {@code restored} outputs (an adopted job's): those chunks are done and never sent;
     * {@code rerun} chunks that the earlier owner had sent without an output reaching its ledger count as retried.
     */
    ChunkLedger(int total, Map<Integer, Object> restored, int rerun) {
        outputs = new Object[total];
        delivered = new boolean[total];
        attempts = new int[total];
        running = new byte[total];
        copied = new boolean[total];
        for (Map.Entry<Integer, Object> entry : restored.entrySet()) {
            int i = entry.getKey();
            if (i >= 0 && i < total && entry.getValue() != null && !delivered[i]) {
                delivered[i] = true;
                outputs[i] = entry.getValue();
                done++;
            }
        }
        freshLeft = total - done;
        retried = rerun;
    }

    /** How many chunks, counted from the first, have been sent at least once (what the ledger records for an adopter). */
    int sent() {
        return sent;
    }

    int total() {
        return outputs.length;
    }

    int done() {
        return done;
    }

    boolean allDone() {
        return done == outputs.length;
    }

    boolean hasPending() {
        return requeuedCount > 0 || freshLeft > 0;
    }

    int pendingCount() {
        return requeuedCount + freshLeft;
    }

    /** Chunks without an output yet: pending or running. */
    int unfinished() {
        return outputs.length - done;
    }

    /** Takes the next pending chunk and counts an attempt at it. */
    int takePending() {
        int index;
        if (requeuedCount > 0) {
            index = requeued[--requeuedCount];
        } else {
            if (freshLeft == 0) {
                throw new java.util.NoSuchElementException("no chunk is pending");
            }
            while (delivered[fresh]) {
                fresh++;
            }
            index = fresh++;
            freshLeft--;
        }
        sent = Math.max(sent, index + 1);
        attempts[index]++;
        running[index]++;
        return index;
    }

    /** Whether {@code index} may get a speculative copy: running once, not done, never copied. */
    boolean copyable(int index) {
        return !delivered[index] && running[index] == 1 && !copied[index];
    }

    /** Counts a speculative copy of a running chunk (not an attempt: a copy never uses up a retry). */
    void takeCopy(int index) {
        copied[index] = true;
        running[index]++;
        speculative++;
    }

    boolean delivered(int index) {
        return delivered[index];
    }

    /**
     * Records an output.
     *
     * @return true if it is the chunk's first (the one kept), false for a duplicate
     */
    boolean deliver(int index, Object output) {
        running[index]--;
        if (delivered[index]) {
            return false;
        }
        delivered[index] = true;
        outputs[index] = output;
        done++;
        return true;
    }

    /** How a failed attempt leaves its chunk. */
    enum AfterFailure { IGNORED, RETRY, FAILED }

    /**
     * Records a failed or stopped attempt: ignored when the chunk is done or another copy still runs,
     * re-queued (at the front) while it has attempts left, else failed.
     */
    AfterFailure fail(int index, int maxAttempts) {
        running[index]--;
        if (delivered[index] || running[index] > 0) {
            return AfterFailure.IGNORED;
        }
        if (attempts[index] >= maxAttempts) {
            failed++;
            return AfterFailure.FAILED;
        }
        retried++;
        requeue(index);
        return AfterFailure.RETRY;
    }

    /**
     * Takes back an attempt that a node refused without starting it (draining, or it could not open the job):
     * the chunk goes back to the front of the queue, and neither the attempt nor a retry is counted. Nothing
     * happens when the chunk is done or another copy of it still runs.
     */
    void handBack(int index) {
        running[index]--;
        if (delivered[index] || running[index] > 0) {
            return;
        }
        if (attempts[index] > 0) {
            attempts[index]--;
        }
        requeue(index);
    }

    /** Puts a chunk that was taken back at the front of the queue. */
    private void requeue(int index) {
        if (requeuedCount == requeued.length) {
            requeued = Arrays.copyOf(requeued, requeued.length * 2);
        }
        requeued[requeuedCount++] = index;
    }

    int attempts(int index) {
        return attempts[index];
    }

    int retried() {
        return retried;
    }

    /** The outputs in chunk order (once all are done). */
    List<Object> outputs() {
        return Arrays.asList(outputs);
    }

    ChunkCounts counts() {
        return new ChunkCounts(outputs.length, done, retried, failed, speculative);
    }
}
