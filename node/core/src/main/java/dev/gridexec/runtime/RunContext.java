package dev.gridexec.runtime;

import dev.gridexec.kernel.api.ChunkCancelledException;
import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.runtime.lock.SwitchingLock;
import java.util.concurrent.Callable;

/** The {@link ChunkContext} a running chunk sees: cancellation, and the lock of its model if it has one. */
public final class RunContext implements ChunkContext {

    private final int chunkIndex;
    private final long seed;
    private final Cancellation cancellation;
    private final SwitchingLock lock; // null in threads mode

    public RunContext(int chunkIndex, long seed, Cancellation cancellation, SwitchingLock lock) {
        this.chunkIndex = chunkIndex;
        this.seed = seed;
        this.cancellation = cancellation;
        this.lock = lock;
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
        if (cancellation.isCancelled()) {
            throw new ChunkCancelledException();
        }
        if (lock != null) {
            lock.checkpoint();
        }
    }

    @Override
    public <T> T blocking(Callable<T> wait) throws Exception {
        checkpoint();
        Thread self = Thread.currentThread();
        cancellation.enterWait(self);
        if (lock != null) {
            lock.release();
        }
        try {
            if (cancellation.isCancelled()) {
                throw new ChunkCancelledException();
            }
            return wait.call();
        } catch (InterruptedException e) {
            if (cancellation.isCancelled()) {
                throw new ChunkCancelledException();
            }
            throw e;
        } finally {
            cancellation.exitWait(self);
            Thread.interrupted(); // a cancel racing the end of the wait must not leak into the next chunk
            if (lock != null) {
                lock.acquire();
            }
        }
    }
}
