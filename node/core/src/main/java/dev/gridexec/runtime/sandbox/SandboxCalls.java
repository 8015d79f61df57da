package dev.gridexec.runtime.sandbox;

import dev.gridexec.runtime.CallAnswer;
import dev.gridexec.task.Task;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A jar kernel's calls that are not chunks (its params check, split and reduce) in a child process of the node: one
 * call at a time per child, warm children taken from the node's {@link ChildPool} and given back after an answer.
 * The child answers as the node would in-process ({@code KernelCallWork}). A child that dies during a call (an exit,
 * an OutOfMemoryError, a kill) fails the call naming its exit status or signal. A caller interrupted while it waits
 * (the node's timeout for the call, or the node closing) destroys the child at once, so that the waiting thread
 * returns and a kernel that ignores interrupts keeps no thread or process of the node.
 */
public final class SandboxCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxCalls.class);

    private final ChildPool pool;

    public SandboxCalls(ChildPool pool) {
        this.pool = pool;
    }

    /** The kernel's params check, in a child; {@code jar} is the artifact's file (held by the caller's lease). */
    public CallAnswer check(Task task, Path jar) {
        return call("params", Frame.Call.CHECK, task, jar, null);
    }

    /** The kernel's split, in a child. */
    public CallAnswer split(Task task, Path jar) {
        return call("split", Frame.Call.SPLIT, task, jar, null);
    }

    /** The kernel's reduce of {@code outputs} (encoded, in chunk order), in a child. */
    public CallAnswer reduce(Task task, Path jar, byte[][] outputs) {
        return call("reduce", Frame.Call.REDUCE, task, jar, outputs);
    }

    private CallAnswer call(String what, byte kind, Task task, Path jar, byte[][] outputs) {
        Child child;
        try {
            child = pool.take(1).get(0);
        } catch (IllegalStateException e) {
            return CallAnswer.failed(CallAnswer.FAILED, e.getMessage());
        }
        CompletableFuture<CallAnswer> pending = child.call(kind, TaskBytes.encode(task), jar.toString(), outputs);
        try {
            CallAnswer answer = pending.get();
            pool.giveBack(child, true);
            return answer;
        } catch (InterruptedException e) {
            LOG.warn("a kernel's {} in kernel process {} was stopped (its timeout, or the node closing); destroying the process",
                    what, child.pid());
            pool.giveBack(child, false);
            Thread.currentThread().interrupt();
            return CallAnswer.failed(CallAnswer.TIMED_OUT, what + "() was stopped; its kernel process " + child.pid()
                    + " was destroyed");
        } catch (ExecutionException e) {
            pool.giveBack(child, false);
            return CallAnswer.failed(CallAnswer.FAILED, what + "() did not answer: " + e.getCause().getMessage());
        }
    }
}
