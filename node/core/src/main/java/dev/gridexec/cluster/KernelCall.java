package dev.gridexec.cluster;

import dev.gridexec.trust.Seal;
import dev.gridexec.wire.KernelAnswer;
import dev.gridexec.wire.TaskCodec;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One call of a job's kernel that is not a chunk, sent by a coordinator to one node: check the task's params
 * ({@link #check}), split it ({@link #split}), or reduce its outputs ({@link #reduce}). The task and the outputs travel
 * encoded and the answer is plain values, so that the coordinator never loads a jar kernel's classes. Runs on the
 * node's {@value ClusterConfigs#KERNEL_CALL_EXECUTOR} executor for at most its timeout ({@link NodeService#call}). Signed with
 * the sender's {@link Seal}: a node with a cluster secret runs no call that is not.
 */
public final class KernelCall extends SignedOnMember implements Callable<KernelAnswer>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final String KIND = "kernel-call";

    /** What is asked of the kernel. */
    public enum Kind { PARAMS, SPLIT, REDUCE }

    private final Kind kind;
    private final byte[] task;
    private final byte[][] outputs;
    private final long timeoutMillis;

    private KernelCall(Seal seal, Kind kind, byte[] task, byte[][] outputs, Duration timeout) {
        super(seal, KIND, kind.name(), parts(task, outputs));
        this.kind = kind;
        this.task = task;
        this.outputs = outputs;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /** What the signature covers: the task and the outputs, if any. */
    private static byte[][] parts(byte[] task, byte[][] outputs) {
        byte[][] parts = new byte[1 + (outputs == null ? 0 : outputs.length)][];
        parts[0] = task;
        if (outputs != null) {
            System.arraycopy(outputs, 0, parts, 1, outputs.length);
        }
        return parts;
    }

    /** The kernel's {@code params} (and mode restriction) on the task ({@link TaskCodec} bytes). */
    public static KernelCall check(Seal seal, byte[] task, Duration timeout) {
        return new KernelCall(seal, Kind.PARAMS, task, null, timeout);
    }

    /** The kernel's split of the task. */
    public static KernelCall split(Seal seal, byte[] task, Duration timeout) {
        return new KernelCall(seal, Kind.SPLIT, task, null, timeout);
    }

    /** The kernel's reduce of {@code outputs} (encoded, in chunk order). */
    public static KernelCall reduce(Seal seal, byte[] task, byte[][] outputs, Duration timeout) {
        return new KernelCall(seal, Kind.REDUCE, task, outputs, timeout);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public KernelAnswer call() {
        if (!admitted(KIND, kind.name(), parts(task, outputs))) {
            throw new IllegalStateException("kernel call " + kind + " refused: not signed with the cluster secret");
        }
        return NodeService.of(hazelcast()).call(kind, TaskCodec.decode(task), outputs, Duration.ofMillis(timeoutMillis));
    }
}
