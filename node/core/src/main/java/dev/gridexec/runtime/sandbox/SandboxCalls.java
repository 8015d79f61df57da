package dev.gridexec.runtime.sandbox;

import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.wire.Task;
import dev.gridexec.wire.TaskCodec;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A jar kernel's calls that are not chunks (its params check, split and reduce) in child processes of the node, with
 * a pool of their own: at most {@code children} at once, one call at a time in each, warm ones reused (an idle one
 * goes after the sandbox's idle timeout). The child answers as the node would in-process ({@code KernelCallWork}).
 * A child that dies during a call (an exit, an OutOfMemoryError, a kill) fails the call naming its exit status or
 * signal. A caller interrupted while it waits (the node's timeout for the call, or the node closing) destroys the
 * child at once, so that the waiting thread returns and a kernel that ignores interrupts keeps no thread or process
 * of the node; a fresh child is then started for the next call. A call that finds every child busy waits for one,
 * within its timeout. Starts no process until the first call. Close it with the node: every child is destroyed.
 */
public final class SandboxCalls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxCalls.class);

    private final ChildPool pool;
    private final Semaphore seats;
    private CompletableFuture<Void> warming = CompletableFuture.completedFuture(null); // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param nodeName the node's name, for the children's names
     * @param settings the node's sandbox settings: the children's heap and idle timeout
     * @param children the most children running calls at once (and kept warm)
     */
    public SandboxCalls(String nodeName, SandboxSettings settings, int children) {
        if (children < 1) {
            throw new IllegalArgumentException("children must be at least 1, got " + children);
        }
        this.pool = new ChildPool(nodeName + "-calls", 1, new SandboxSettings(true, settings.heap(),
                settings.cancelGrace(), children, settings.idleTimeout()));
        this.seats = new Semaphore(children, true);
    }

    /** How many children a node of {@code workers} workers runs kernel calls in at most: its workers, 2 to 8. */
    public static int childrenFor(int workers) {
        return Math.min(8, Math.max(2, workers));
    }

    /** The kernel's params check, in a child; {@code jar} is the artifact's file (held by the caller's lease). */
    public KernelAnswer check(Task task, Path jar) {
        return call("params", Frame.Call.CHECK, task, jar, null);
    }

    /** The kernel's split, in a child. */
    public KernelAnswer split(Task task, Path jar) {
        return call("split", Frame.Call.SPLIT, task, jar, null);
    }

    /** The kernel's reduce of {@code outputs} (encoded, in chunk order), in a child. */
    public KernelAnswer reduce(Task task, Path jar, byte[][] outputs) {
        return call("reduce", Frame.Call.REDUCE, task, jar, outputs);
    }

    /** The children's process handles (alive or not yet reaped), for tests and metrics. */
    public java.util.List<ProcessHandle> processes() {
        return pool.processes();
    }

    /** Idle warm children now. */
    public int warm() {
        return pool.warm();
    }

    /** Destroys every child (calls running in one fail) and stops the pool's timer. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        pool.close();
    }

    private KernelAnswer call(String what, byte kind, Task task, Path jar, byte[][] outputs) {
        try {
            seats.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped(what, "while it waited for a kernel process");
        }
        try {
            return callInChild(what, kind, task, jar, outputs);
        } finally {
            seats.release();
        }
    }

    private KernelAnswer callInChild(String what, byte kind, Task task, Path jar, byte[][] outputs) {
        Child child;
        try {
            awaitWarming();
            child = pool.take(1).get(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stopped(what, "while its kernel process started");
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof InterruptedException) { // the timeout came while the child started: not its failure
                Thread.currentThread().interrupt();
                return stopped(what, "while its kernel process started");
            }
            return KernelAnswer.failed(KernelAnswer.FAILED, e.getMessage());
        }
        CompletableFuture<KernelAnswer> pending = child.call(kind, TaskCodec.encode(task), jar.toString(), outputs);
        try {
            KernelAnswer answer = pending.get();
            pool.giveBack(child, true);
            return answer;
        } catch (InterruptedException e) {
            LOG.warn("a kernel's {} in kernel process {} was stopped (its timeout, or the node closing); destroying the process",
                    what, child.pid());
            pool.giveBack(child, false);
            warmOne();
            Thread.currentThread().interrupt();
            return stopped(what, "and its kernel process " + child.pid() + " destroyed");
        } catch (ExecutionException e) {
            pool.giveBack(child, false);
            warmOne();
            return KernelAnswer.failed(KernelAnswer.FAILED, what + "() did not answer: " + e.getCause().getMessage());
        }
    }

    private static KernelAnswer stopped(String what, String how) {
        return KernelAnswer.failed(KernelAnswer.TIMED_OUT, what + "() was stopped " + how);
    }

    /** Waits for the child being started for the next call, if any, so that this call takes it rather than starting another. */
    private void awaitWarming() throws InterruptedException {
        CompletableFuture<Void> started;
        synchronized (this) {
            started = warming;
        }
        try {
            started.get(ChildPool.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the call starts its own child
        }
    }

    /** Starts a child in the background to replace one destroyed, kept warm for the next call (one at a time). */
    private synchronized void warmOne() {
        if (closed || !warming.isDone() || pool.warm() > 0) {
            return;
        }
        CompletableFuture<Void> started = new CompletableFuture<>();
        warming = started;
        Thread thread = new Thread(() -> {
            try {
                pool.giveBack(pool.take(1).get(0), true);
            } catch (RuntimeException e) {
                LOG.debug("no kernel process kept warm for kernel calls: {}", e.getMessage());
            } finally {
                started.complete(null);
            }
        }, "gridexec-kernel-call-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
