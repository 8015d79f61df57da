package dev.gridexec.jobs;

/**
 * How a job's chunks went.
 *
 * @param total   chunks the kernel split the job into
 * @param done    chunks with an output
 * @param retried re-dispatches, whatever the cause
 * @param failed  chunks that used up their attempts
 */
public record ChunkCounts(int total, int done, int retried, int failed) {
}
