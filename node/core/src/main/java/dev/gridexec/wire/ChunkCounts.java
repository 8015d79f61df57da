package dev.gridexec.wire;

/**
 * How a job's chunks went.
 *
 * @param total       chunks the kernel split the job into
 * @param done        chunks with an output
 * @param retried     re-dispatches, whatever the cause
 * @param failed      chunks that used up their attempts
 * @param speculative copies of running chunks sent to another node (the first output wins; a copy is no attempt)
 */
public record ChunkCounts(int total, int done, int retried, int failed, int speculative) {

    /** Counts without speculative copies. */
    public ChunkCounts(int total, int done, int retried, int failed) {
        this(total, done, retried, failed, 0);
    }
}
