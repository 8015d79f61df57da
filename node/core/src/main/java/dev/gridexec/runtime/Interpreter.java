package dev.gridexec.runtime;

/**
 * Where a worker thread runs its chunks: what it locks, which kernel classes it uses, whether data is copied.
 * The three execution models differ only in the interpreters their worker threads are bound to.
 */
public interface Interpreter extends AutoCloseable {

    /** Runs one chunk on the calling worker thread. Never throws: every ending is an outcome. */
    ChunkOutcome run(ChunkWork work);

    /** Frees what the interpreter holds (a slot's class loader); called once its threads have all stopped. */
    @Override
    default void close() {
    }
}
