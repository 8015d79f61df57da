package dev.gridexec.wire;

import java.io.Serializable;

/**
 * A batch of chunks of one job for one node: the task travels with it (the node opens the job on first sight),
 * the inputs encoded by the kernel's codec.
 *
 * @param jobId   the job
 * @param task    the task as {@link TaskCodec} encodes it
 * @param indices the chunks' indices
 * @param inputs  each chunk's encoded input, in the order of {@code indices}
 */
public record ChunkBatch(String jobId, byte[] task, int[] indices, byte[][] inputs) implements Serializable {

    public ChunkBatch {
        if (indices.length != inputs.length) {
            throw new IllegalArgumentException(indices.length + " indices for " + inputs.length + " inputs");
        }
    }
}
