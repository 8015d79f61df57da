package dev.gridexec.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A batch of chunks of one job, sent to one member: the task travels with it (the member opens the job
 * on first sight), inputs travel encoded. Runs on the member's gridexec executor thread until every
 * chunk of the batch has ended.
 */
public final class RunBatch implements Callable<BatchResult>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final byte[] task;
    private final int[] indices;
    private final byte[][] inputs;
    private transient HazelcastInstance hazelcast;

    public RunBatch(String jobId, byte[] task, int[] indices, byte[][] inputs) {
        this.jobId = jobId;
        this.task = task;
        this.indices = indices;
        this.inputs = inputs;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public BatchResult call() {
        return NodeService.of(hazelcast).run(jobId, task, indices, inputs);
    }
}
