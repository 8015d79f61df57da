package dev.gridexec.api;

import dev.gridexec.wire.Mode;
import dev.gridexec.wire.Problem;
import dev.gridexec.wire.Task;
import dev.gridexec.task.TaskReader;
import java.util.ArrayList;
import java.util.List;

/**
 * How much one task may ask of the cluster, below the task format's own ceilings ({@link TaskReader}): the
 * coordinator's settings {@code max-chunks}, {@code max-workers}, {@code max-nodes} and
 * {@code max-threads-per-node} (a node runs {@code workers} threads, times {@code threadsPerSlot} in slots mode).
 * A task over one gets a 400 naming the field and the limit.
 *
 * @param maxChunks         the most chunks a task may have
 * @param maxWorkers        the most workers per node a task may ask for
 * @param maxNodes          the most nodes a task may ask for
 * @param maxThreadsPerNode the most threads a task may start on one node
 */
public record TaskLimits(int maxChunks, int maxWorkers, int maxNodes, int maxThreadsPerNode) {

    public static final int DEFAULT_MAX_CHUNKS = TaskReader.MAX_CHUNKS;
    public static final int DEFAULT_MAX_WORKERS = 1024;
    public static final int DEFAULT_MAX_NODES = TaskReader.MAX_NODES;
    public static final int DEFAULT_MAX_THREADS_PER_NODE = 4096;
    /** The most {@code maxThreadsPerNode} may be set to. */
    public static final int MAX_THREADS_PER_NODE_LIMIT = TaskReader.MAX_WORKERS * TaskReader.MAX_THREADS_PER_SLOT;

    public TaskLimits {
        check("maxChunks", maxChunks, TaskReader.MAX_CHUNKS);
        check("maxWorkers", maxWorkers, TaskReader.MAX_WORKERS);
        check("maxNodes", maxNodes, TaskReader.MAX_NODES);
        check("maxThreadsPerNode", maxThreadsPerNode, MAX_THREADS_PER_NODE_LIMIT);
    }

    /** The defaults: a million chunks, 1024 workers, 4096 nodes, 4096 threads per node. */
    public static TaskLimits defaults() {
        return new TaskLimits(DEFAULT_MAX_CHUNKS, DEFAULT_MAX_WORKERS, DEFAULT_MAX_NODES, DEFAULT_MAX_THREADS_PER_NODE);
    }

    /** What in {@code task} is over these limits; empty when nothing is. */
    public List<Problem> problems(Task task) {
        List<Problem> problems = new ArrayList<>();
        if (task.chunks() > maxChunks) {
            problems.add(over("chunks", task.chunks(), maxChunks, "max-chunks"));
        }
        if (task.workers() > maxWorkers) {
            problems.add(over("workers", task.workers(), maxWorkers, "max-workers"));
        }
        if (task.nodes() > maxNodes) {
            problems.add(over("nodes", task.nodes(), maxNodes, "max-nodes"));
        }
        long threads = (long) task.workers() * (task.mode() == Mode.SLOTS ? task.threadsPerSlot() : 1);
        if (task.workers() <= maxWorkers && threads > maxThreadsPerNode) {
            problems.add(new Problem(task.mode() == Mode.SLOTS ? "threadsPerSlot" : "workers", "asks each node for "
                    + (task.mode() == Mode.SLOTS ? "workers x threadsPerSlot = " + task.workers() + " x " + task.threadsPerSlot() + " = " : "")
                    + threads + " threads; this coordinator allows at most " + maxThreadsPerNode
                    + " per node (setting max-threads-per-node)"));
        }
        return problems;
    }

    private static Problem over(String field, int value, int limit, String setting) {
        return new Problem(field, "must be at most " + limit + " on this coordinator (setting " + setting + "), got " + value);
    }

    private static void check(String name, int value, int most) {
        if (value < 1 || value > most) {
            throw new IllegalArgumentException(name + " must be between 1 and " + most + ", got " + value);
        }
    }
}
