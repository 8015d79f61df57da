package dev.gridexec.cluster;

import dev.gridexec.trust.Seal;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A batch of chunks of one job, sent to one member: the task travels with it (the member opens the job
 * on first sight), inputs travel encoded. Runs on the member's gridexec executor thread until every
 * chunk of the batch has ended.
 */
public final class RunBatch extends OnMember implements Callable<BatchResult>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final String KIND = "run-batch";

    private final String jobId;
    private final byte[] task;
    private final int[] indices;
    private final byte[][] inputs;
    private final byte[] mac;

    /** A batch signed with {@code seal} (the sender's): a node with a cluster secret runs no batch that is not. */
    public RunBatch(Seal seal, String jobId, byte[] task, int[] indices, byte[][] inputs) {
        this.jobId = jobId;
        this.task = task;
        this.indices = indices;
        this.inputs = inputs;
        this.mac = seal.sign(KIND, jobId, parts());
    }

    private byte[][] parts() {
        java.nio.ByteBuffer packed = java.nio.ByteBuffer.allocate(4 * indices.length);
        for (int index : indices) {
            packed.putInt(index);
        }
        byte[][] parts = new byte[inputs.length + 2][];
        parts[0] = task;
        parts[1] = packed.array();
        System.arraycopy(inputs, 0, parts, 2, inputs.length);
        return parts;
    }

    @Override
    public BatchResult call() {
        if (!Seal.of(hazelcast()).admits(KIND, jobId, mac, parts())) {
            throw new IllegalStateException("batch of job " + jobId + " refused: not signed with the cluster secret");
        }
        return NodeService.of(hazelcast()).run(jobId, task, indices, inputs);
    }
}
