package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkCancelledException;
import dev.gridexec.kernel.api.ChunkContext;
import java.util.concurrent.Callable;

/** A chunk context for tests: counts checkpoints and waits, and cancels after a given number of checkpoints. */
final class TestContext implements ChunkContext {

    private final int chunkIndex;
    private final long seed;
    private final long cancelAfter;
    private long checkpoints;
    private int waits;

    private TestContext(int chunkIndex, long seed, long cancelAfter) {
        this.chunkIndex = chunkIndex;
        this.seed = seed;
        this.cancelAfter = cancelAfter;
    }

    /** A context that never cancels. */
    static TestContext of(int chunkIndex, long seed) {
        return new TestContext(chunkIndex, seed, Long.MAX_VALUE);
    }

    /** A context whose checkpoint throws {@link ChunkCancelledException} once it was passed {@code checkpoints} times. */
    static TestContext cancellingAfter(long checkpoints) {
        return new TestContext(0, 42, checkpoints);
    }

    @Override
    public int chunkIndex() {
        return chunkIndex;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void checkpoint() {
        checkpoints++;
        if (checkpoints > cancelAfter) {
            throw new ChunkCancelledException();
        }
    }

    @Override
    public <T> T blocking(Callable<T> wait) throws Exception {
        waits++;
        if (checkpoints >= cancelAfter) {
            throw new ChunkCancelledException();
        }
        return wait.call();
    }

    /** How many times {@link #checkpoint()} was called. */
    long checkpoints() {
        return checkpoints;
    }

    /** How many times {@link #blocking} was called. */
    int waits() {
        return waits;
    }
}
