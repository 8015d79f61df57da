package dev.gridexec.cluster;

import dev.gridexec.wire.KernelAnswer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node's kernel calls ({@link KernelCalls}) on a bounded pool of their own, each for at most its timeout: a call
 * that does not return in time is interrupted and answered {@link KernelAnswer#TIMED_OUT}; a call that finds every
 * thread taken is answered {@link KernelAnswer#BUSY} at once. Never blocks its caller longer than the timeout.
 *
 * <p>In-process ({@link InProcessKernelCalls}), a kernel that ignores the interrupt keeps its thread until it returns:
 * such threads count against {@link #MAX_THREADS}. {@link SandboxedKernelCalls} frees its thread at the interrupt,
 * by destroying the child process the kernel runs in.
 */
final class KernelCallRunner implements AutoCloseable {

    /** The most kernel calls running at once on a node, stuck ones included. */
    static final int MAX_THREADS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(KernelCallRunner.class);

    private final AtomicInteger threads = new AtomicInteger();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "gridexec-kernel-call-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    /** Runs {@code call} ({@code what}: {@code params}, {@code split}, {@code reduce}, for messages) for at most {@code timeout}. */
    KernelAnswer run(String what, Duration timeout, Callable<KernelAnswer> call) {
        Future<KernelAnswer> running;
        try {
            running = pool.submit(call);
        } catch (RejectedExecutionException e) {
            LOG.warn("a kernel's {} was refused: all {} threads for kernel calls are taken", what, MAX_THREADS);
            return KernelAnswer.failed(KernelAnswer.BUSY, "all " + MAX_THREADS + " threads for kernel calls on this node are taken");
        }
        try {
            return running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            LOG.warn("a kernel's {} did not return within {} ms; it was interrupted", what, timeout.toMillis());
            return KernelAnswer.failed(KernelAnswer.TIMED_OUT, what + "() did not return within " + describe(timeout));
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return KernelAnswer.failed(KernelAnswer.BUSY, "the node stopped waiting for the kernel's " + what + " (it is stopping)");
        } catch (ExecutionException e) {
            return KernelAnswer.failed(KernelAnswer.FAILED, String.valueOf(e.getCause()));
        }
    }

    /** How many kernel calls hold a thread now (stuck ones included). */
    int active() {
        return pool.getActiveCount();
    }

    /** "10 s", "250 ms": a timeout as messages show it. */
    static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
