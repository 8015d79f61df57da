package dev.gridexec.scheduler;

/**
 * A job's progress at one moment.
 *
 * @param done      chunks with an output
 * @param total     chunks in the job
 * @param retried   re-dispatches so far
 * @param elapsedMs since the job was accepted
 */
public record JobProgress(int done, int total, int retried, long elapsedMs) {
}
