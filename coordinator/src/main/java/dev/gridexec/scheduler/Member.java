package dev.gridexec.scheduler;

import dev.gridexec.wire.Task;

/** A node the scheduler can give chunks to: the in-process node now, a Hazelcast member in a cluster. */
public interface Member {

    /** The node's name, as placements report it. */
    String name();

    /** How many workers the node runs at most, for all jobs together; 0 when it announces none (never full). */
    default int capacity() {
        return 0;
    }

    /**
     * Whether the node can run {@code task}'s kernel: a kernel of an optional module (python) runs only on nodes that
     * announce it; every other kernel runs everywhere. Admission places a job only on nodes that can run it.
     */
    default boolean runs(Task task) {
        return true;
    }

    /** Opens a job on the node: starts its execution model as the task asks. */
    MemberJob open(String jobId, Task task);
}
