package dev.gridexec.wire;

/**
 * Where a job's time went.
 *
 * @param wallMs    from the job being accepted to its terminal state (so far, while it runs)
 * @param startupMs the part of it spent creating the execution models (slots) on the nodes
 * @param computeMs the sum of every chunk attempt's run time
 */
public record Timing(long wallMs, long startupMs, long computeMs) {
}
