package dev.gridexec.cluster;

/** Hears the run time of every chunk a node ran (for its metrics). Called on batch threads: return quickly. */
public interface ChunkObserver {

    /** An observer that hears nothing. */
    ChunkObserver NONE = (kernel, mode, computeNanos) -> { };

    /**
     * A batch of one job's chunks ended.
     *
     * @param kernel       the task's kernel name
     * @param mode         the task's execution model, as on the wire ({@code threads}, {@code slots}, ...)
     * @param computeNanos each chunk's run time (0 for one that never started)
     */
    void ran(String kernel, String mode, long[] computeNanos);
}
