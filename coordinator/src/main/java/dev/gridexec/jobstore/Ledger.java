package dev.gridexec.jobstore;

import java.util.function.Supplier;

/**
 * The ledger of a coordinator's running jobs: each finished chunk's encoded output, so that a coordinator that
 * adopts the job does not run it again. Writes are batched on a thread of the ledger's own, off the dispatch path;
 * outputs are encoded there too.
 */
public interface Ledger {

    /** A ledger that keeps nothing: jobs that no other coordinator can adopt (the embedded default). */
    Ledger NONE = new Ledger() {
        @Override
        public void record(String jobId, int index, int sent, Supplier<byte[]> output) {
        }

        @Override
        public Journal read(String jobId) {
            return Journal.EMPTY;
        }

        @Override
        public void flush() {
        }

        @Override
        public void drop(String jobId) {
        }
    };

    /**
     * Records chunk {@code index}'s output, encoded later by {@code output} on the ledger's thread (a chunk whose output
     * does not encode is left out: an adopter runs it again).
     *
     * @param sent how many of the job's chunks had been sent to nodes at least once, at this moment
     */
    void record(String jobId, int index, int sent, Supplier<byte[]> output);

    /** What is stored of job {@code jobId}. */
    Journal read(String jobId);

    /** Writes out everything recorded so far and waits until it is stored (a coordinator handing its jobs over). */
    void flush();

    /** Forgets job {@code jobId}'s ledger: it has ended. */
    void drop(String jobId);
}
