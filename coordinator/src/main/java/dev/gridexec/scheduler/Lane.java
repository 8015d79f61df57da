package dev.gridexec.scheduler;

import dev.gridexec.wire.Placement;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One node's share of a job: its member job, its credit and chunks in flight, what it delivered, and a
 * recent mean of its chunks' run time (its measured throughput). Guarded by its job's lock.
 */
final class Lane {

    /** Weight of the newest chunk in the lane's mean run time. */
    private static final double RECENT = 0.2;
    /** How many of the lane's latest chunk run times are kept for the job's median. */
    private static final int RECENT_KEPT = 32;

    /** One attempt sent to the node: which chunk, when, in which batch, and whether its outcome is back. */
    static final class Sent {
        final int index;
        final long atNanos;
        final long batch;
        boolean back;

        Sent(int index, long atNanos, long batch) {
            this.index = index;
            this.atNanos = atNanos;
            this.batch = batch;
        }
    }

    final String node;
    final int threads;
    MemberJob job; // null once the job has ended
    long startupMs; // kept when job goes
    int credit;
    int inFlight;
    /** Chunk outputs this lane delivered first (its placement). */
    int chunks;
    /** Chunks sent here, oldest first, trimmed of those done or answered: where speculative copies are taken from. */
    final ArrayDeque<Sent> sent = new ArrayDeque<>();
    /** Batches flushed to the node so far (the batch a chunk travelled in). */
    long batches;
    /** When the node last answered a chunk (0: never). */
    long lastAnswerNanos;
    /** Recent mean time a batch took from going out (or the node's previous answer, if later) to its first answer; 0 until known. */
    double turnaroundNanos;
    private long lastTurnBatch = -1;
    /** Whether the node's chunks are persistently slower than its peers' in this job (see {@link StragglerPolicy#slow}). */
    boolean slow;
    private final long[] recent = new long[RECENT_KEPT];
    private int recentCount;
    private int recentNext;
    private long answered;
    private long computeNanos;
    private double meanNanos;

    Lane(String node, MemberJob job, int credit) {
        this.node = node;
        this.job = job;
        this.threads = Math.max(1, job.threads());
        this.credit = credit;
    }

    boolean alive() {
        return job != null && job.alive();
    }

    /** Counts an answered attempt's run time. */
    void record(long chunkNanos) {
        answered++;
        computeNanos += chunkNanos;
        meanNanos = answered == 1 ? chunkNanos : (1 - RECENT) * meanNanos + RECENT * chunkNanos;
        recent[recentNext] = chunkNanos;
        recentNext = (recentNext + 1) % RECENT_KEPT;
        recentCount = Math.min(RECENT_KEPT, recentCount + 1);
    }

    /** Notes an answer to {@code sent} at {@code now}: the first answer of a batch measures the batch's turnaround. */
    void answeredAt(Sent sent, long now) {
        if (sent.batch != lastTurnBatch) {
            long turn = now - Math.max(sent.atNanos, lastAnswerNanos);
            turnaroundNanos = lastTurnBatch < 0 ? turn : (1 - RECENT) * turnaroundNanos + RECENT * turn;
            lastTurnBatch = sent.batch;
        }
        lastAnswerNanos = now;
    }

    /** Copies the lane's latest chunk run times into {@code into} from {@code at}; returns the new end. */
    int copyRecent(long[] into, int at) {
        System.arraycopy(recent, 0, into, at, recentCount);
        return at + recentCount;
    }

    /** How many run times {@link #copyRecent} copies at most. */
    static int recentKept() {
        return RECENT_KEPT;
    }

    /**
     * How long the node has held chunks without answering any: since its last answer or, if later, since its
     * oldest unanswered chunk was sent (0 when it holds none).
     */
    long quietNanos(long now) {
        Sent oldest = sent.peekFirst();
        if (inFlight == 0 || oldest == null) {
            return 0;
        }
        return now - Math.max(lastAnswerNanos, oldest.atNanos);
    }

    boolean measured() {
        return answered > 0;
    }

    /** Chunks the lane ran to their end. */
    long answered() {
        return answered;
    }

    /** Recent mean run time of the lane's chunks, at least 1 µs; 0 before the first answer. */
    long meanNanos() {
        return answered == 0 ? 0 : Math.max(1_000, (long) meanNanos);
    }

    long computeNanos() {
        return computeNanos;
    }

    Placement placement() {
        return new Placement(node, chunks, TimeUnit.NANOSECONDS.toMillis(computeNanos));
    }

    /** Marks the job gone: keeps its startup time, lets its member job go. */
    void release() {
        if (job != null) {
            startupMs = job.startupMs();
            job = null;
        }
    }

    long startupMs() {
        return job != null ? job.startupMs() : startupMs;
    }
}
