package dev.gridexec.scheduler.credit;

/**
 * What a credit policy knows of one lane when it answers a chunk.
 *
 * @param threads        chunks the node runs at once for the job
 * @param credit         the lane's credit until now
 * @param meanChunkNanos recent mean run time of the lane's chunks (at least 1 µs)
 * @param fairShare      the lane's share of the job's unfinished chunks, in proportion to its measured throughput
 */
public record LaneLoad(int threads, int credit, long meanChunkNanos, int fairShare) {

    /** Twice the threads: the least credit that keeps every thread busy while a batch travels. */
    public int floor() {
        return 2 * Math.max(1, threads);
    }
}
