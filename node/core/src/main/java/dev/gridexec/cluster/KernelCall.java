package dev.gridexec.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One call of a job's kernel that is not a chunk, sent by a coordinator to one node: check the task's params
 * ({@link #check}), split it ({@link #split}), or reduce its outputs ({@link #reduce}). The task and the outputs travel
 * encoded and the answer is plain values, so that the coordinator never loads a jar kernel's classes. Runs on the
 * node's {@value ClusterConfigs#KERNEL_CALL_EXECUTOR} executor for at most its timeout ({@link NodeService#call}).
 */
public final class KernelCall implements Callable<KernelAnswer>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    /** What is asked of the kernel. */
    public enum Kind { PARAMS, SPLIT, REDUCE }

    private final Kind kind;
    private final byte[] task;
    private final byte[][] outputs;
    private final long timeoutMillis;
    private transient HazelcastInstance hazelcast;

    private KernelCall(Kind kind, byte[] task, byte[][] outputs, Duration timeout) {
        this.kind = kind;
        this.task = task;
        this.outputs = outputs;
        this.timeoutMillis = Math.max(1, timeout.toMillis());
    }

    /** The kernel's {@code params} (and mode restriction) on the task ({@link TaskCodec} bytes). */
    public static KernelCall check(byte[] task, Duration timeout) {
        return new KernelCall(Kind.PARAMS, task, null, timeout);
    }

    /** The kernel's split of the task. */
    public static KernelCall split(byte[] task, Duration timeout) {
        return new KernelCall(Kind.SPLIT, task, null, timeout);
    }

    /** The kernel's reduce of {@code outputs} (encoded, in chunk order). */
    public static KernelCall reduce(byte[] task, byte[][] outputs, Duration timeout) {
        return new KernelCall(Kind.REDUCE, task, outputs, timeout);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public KernelAnswer call() {
        return NodeService.of(hazelcast).call(kind, TaskCodec.decode(task), outputs, Duration.ofMillis(timeoutMillis));
    }
}
