package dev.gridexec.scheduler;

import dev.gridexec.task.Task;

/** A node the scheduler can give chunks to: the in-process node now, a Hazelcast member in a cluster. */
public interface Member {

    /** The node's name, as placements report it. */
    String name();

    /** Opens a job on the node: starts its execution model as the task asks. */
    MemberJob open(String jobId, Task task);
}
