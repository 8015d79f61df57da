package dev.gridexec.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A job split by its kernel, as the scheduler needs it: the chunk inputs it hands to members, how a chunk's output goes
 * to and from the job's ledger, and the reduce of the outputs into the job record's result. The values are opaque here:
 * a built-in kernel's objects ({@link InProcessKernel}), or a jar kernel's encoded bytes that only a node decodes.
 * Made off the job's monitor; immutable once made.
 */
public interface KernelSplit {

    /** The chunk inputs, in chunk order, as members take them ({@link MemberJob#submit}). */
    List<Object> inputs();

    /** How many chunks the job was split into. */
    default int chunks() {
        return inputs().size();
    }

    /** How a chunk's output goes into the ledger (encoded) and comes back from it, as members deliver it. */
    ChunkValues values();

    /**
     * The job's result from the outputs, given in chunk order, as the job record shows it.
     *
     * @throws KernelCallException when the kernel failed or did not return in time (its message says which)
     */
    JsonNode reduce(List<Object> outputs);
}
