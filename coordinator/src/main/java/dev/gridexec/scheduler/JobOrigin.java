package dev.gridexec.scheduler;

import dev.gridexec.jobstore.Journal;

/**
 * Where a job comes from: accepted here now, or adopted from a coordinator that left.
 *
 * @param owner            the coordinator that runs it now
 * @param adoptions        how many times it was adopted (0: never)
 * @param acceptedAtMillis when it was first accepted, in epoch milliseconds
 * @param journal          what its ledger held when it was adopted: those chunks are not run again
 */
public record JobOrigin(String owner, int adoptions, long acceptedAtMillis, Journal journal) {

    /** A job accepted by {@code owner} now. */
    public static JobOrigin acceptedBy(String owner) {
        return new JobOrigin(owner, 0, System.currentTimeMillis(), Journal.EMPTY);
    }
}
