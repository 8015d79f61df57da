package dev.gridexec.runtime;

import dev.gridexec.kernel.api.ChunkCancelledException;
import dev.gridexec.kernel.api.ChunkContext;
import dev.gridexec.runtime.lock.SwitchingLock;
import java.util.concurrent.Callable;

/**
 * The {@link ChunkContext} a running chunk sees: its index and the task's seed, cancellation, and the lock of its
 * model if it has one ({@code lock} is null in threads mode).
 */
public record RunContext(int chunkIndex, long seed, Cancellation cancellation, SwitchingLock lock) implements ChunkContext {

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
