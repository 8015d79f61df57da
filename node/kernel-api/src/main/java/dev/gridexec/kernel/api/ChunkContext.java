package dev.gridexec.kernel.api;

import java.util.concurrent.Callable;

/**
 * The runtime as a running chunk sees it: where it is, when to yield, how to wait.
 *
 * <p>Under the {@code gil} model (and inside a {@code slots} slot with several threads) the chunk holds a
 * lock while it runs; {@link #checkpoint()} is where it hands the lock over once the switch interval has
 * passed and another thread is waiting, and {@link #blocking} releases it around a wait, as CPython does
 * around I/O. Under every model {@link #checkpoint()} is also where a cancelled job stops.
 */
public interface ChunkContext {

    /** This chunk's index, from 0, in chunk order. */
    int chunkIndex();

    /** The task's seed. */
    long seed();

    /**
     * Called often from inner loops (every few microseconds of work is plenty). Cheap: one or two volatile
     * reads unless something needs doing. Throws {@link ChunkCancelledException} when the job was cancelled.
     */
    void checkpoint();

    /**
     * Runs a wait (sleep, I/O) outside the execution model's lock. A cancelled job interrupts the wait.
     *
     * @throws ChunkCancelledException when the job is cancelled before or during the wait
     */
    <T> T blocking(Callable<T> wait) throws Exception;
}
