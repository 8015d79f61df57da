package dev.gridexec.cluster;

import dev.gridexec.trust.Seal;
import dev.gridexec.wire.BatchResult;
import dev.gridexec.wire.ChunkBatch;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link ChunkBatch} sent to one member, signed with the cluster secret. Runs on the member's gridexec executor
 * thread until every chunk of the batch has ended.
 */
public final class RunBatch extends SignedOnMember implements Callable<BatchResult>, Serializable {
    private static final long serialVersionUID = 1L;
    private static final String KIND = "run-batch";

    private final ChunkBatch batch;

    /** A batch signed with {@code seal} (the sender's): a node with a cluster secret runs no batch that is not. */
    public RunBatch(Seal seal, ChunkBatch batch) {
        super(seal, KIND, batch.jobId(), parts(batch));
        this.batch = batch;
    }

    /** What the signature covers: the task, the chunk indices and the inputs. */
    private static byte[][] parts(ChunkBatch batch) {
        java.nio.ByteBuffer packed = java.nio.ByteBuffer.allocate(4 * batch.indices().length);
        for (int index : batch.indices()) {
            packed.putInt(index);
        }
        byte[][] parts = new byte[batch.inputs().length + 2][];
        parts[0] = batch.task();
        parts[1] = packed.array();
        System.arraycopy(batch.inputs(), 0, parts, 2, batch.inputs().length);
        return parts;
    }

    @Override
    public BatchResult call() {
        if (!admitted(KIND, batch.jobId(), parts(batch))) {
            throw new IllegalStateException("batch of job " + batch.jobId() + " refused: not signed with the cluster secret");
        }
        return NodeService.of(hazelcast()).run(batch);
    }
}
