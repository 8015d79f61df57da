package dev.gridexec.python;

import dev.gridexec.kernel.api.ChunkContext;
import java.util.concurrent.Callable;

/** A chunk context for calling a kernel directly: chunk 0, seed 0, never cancelled. */
final class QuietContext implements ChunkContext {

    @Override
    public int chunkIndex() {
        return 0;
    }

    @Override
    public long seed() {
        return 0;
    }

    @Override
    public void checkpoint() {
    }

    @Override
    public <T> T blocking(Callable<T> wait) throws Exception {
        return wait.call();
    }
}
