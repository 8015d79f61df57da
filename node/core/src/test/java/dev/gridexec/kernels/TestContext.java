package dev.gridexec.kernels;

import dev.gridexec.kernel.api.ChunkCancelledException;
import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.runtime.Cancellation;
import dev.gridexec.runtime.RunContext;
import java.util.concurrent.Callable;

/**
 * A chunk context for tests: the runtime's own {@link RunContext} (threads mode, no lock), counting checkpoints and
 * waits, whose job is cancelled after a given number of checkpoints.
 */
final class TestContext implements ChunkContext {

    private final Cancellation cancellation = new Cancellation();
    private final RunContext context;
    private final long cancelAfter;
    private long checkpoints;
    private int waits;

    private TestContext(int chunkIndex, long seed, long cancelAfter) {
        this.context = new RunContext(chunkIndex, seed, cancellation, null);
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
        return context.chunkIndex();
    }

    @Override
    public long seed() {
        return context.seed();
    }

    @Override
    public void checkpoint() {
        checkpoints++;
        if (checkpoints > cancelAfter) {
            cancellation.cancel();
        }
        context.checkpoint();
    }

    /** A wait after {@code cancelAfter} checkpoints is cancelled before it starts. */
    @Override
    public <T> T blocking(Callable<T> wait) throws Exception {
        waits++;
        if (checkpoints >= cancelAfter) {
            cancellation.cancel();
        }
        return context.blocking(wait);
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
