package dev.gridexec.scheduler;

import dev.gridexec.jobs.Placement;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One node's share of a job: its member job, its credit and chunks in flight, what it delivered, and a
 * recent mean of its chunks' run time (its measured throughput). Guarded by its job's lock.
 */
final class Lane {

    /** Weight of the newest chunk in the lane's mean run time. */
    private static final double RECENT = 0.2;

    final String node;
    final int threads;
    MemberJob job; // null once the job has ended
    long startupMs; // kept when job goes
    int credit;
    int inFlight;
    /** Chunk outputs this lane delivered first (its placement). */
    int chunks;
    /** Chunks sent here, oldest first, trimmed of those done: where speculative copies are taken from. */
    final ArrayDeque<Integer> sent = new ArrayDeque<>();
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
