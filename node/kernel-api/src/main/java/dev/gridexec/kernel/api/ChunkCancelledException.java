package dev.gridexec.kernel.api;

/** Thrown by {@link ChunkContext} when the chunk's job was cancelled; kernels let it propagate. */
public final class ChunkCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ChunkCancelledException() {
        super("the job was cancelled", null, false, false);
    }
}
