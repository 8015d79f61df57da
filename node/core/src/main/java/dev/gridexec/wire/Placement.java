package dev.gridexec.wire;

/**
 * What one node did for a job.
 *
 * @param node      the node's name
 * @param chunks    chunk outputs it delivered
 * @param computeMs its chunks' run time
 */
public record Placement(String node, int chunks, long computeMs) {
}
