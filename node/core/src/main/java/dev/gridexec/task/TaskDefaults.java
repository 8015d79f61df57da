package dev.gridexec.task;

import dev.gridexec.wire.Mode;
import java.util.Objects;

/**
 * The values a task takes for the fields it leaves out: a node's configured defaults.
 *
 * <p>Precedence, highest first: the field in task.json; this record (the node's configuration);
 * {@link #builtIn}. {@code chunks} has no entry here: it defaults to {@link #chunksFor} of the task's
 * workers and nodes, and {@code timeout} defaults to none.
 *
 * @param workers          workers per node
 * @param mode             execution model inside each node
 * @param nodes            members to use
 * @param threadsPerSlot   threads inside each slot ({@code slots} mode)
 * @param switchIntervalMs how long a thread may hold the gil / a slot's lock while others wait
 * @param seed             seed for kernels that draw random numbers
 * @param maxAttempts      attempts per chunk
 */
public record TaskDefaults(
        int workers,
        Mode mode,
        int nodes,
        int threadsPerSlot,
        long switchIntervalMs,
        long seed,
        int maxAttempts) {

    public TaskDefaults {
        Objects.requireNonNull(mode, "mode");
        check("workers", workers, 1, TaskReader.MAX_WORKERS);
        check("nodes", nodes, 1, TaskReader.MAX_NODES);
        check("threadsPerSlot", threadsPerSlot, 1, TaskReader.MAX_THREADS_PER_SLOT);
        check("switchIntervalMs", switchIntervalMs, 1, TaskReader.MAX_SWITCH_INTERVAL_MS);
        check("maxAttempts", maxAttempts, 1, TaskReader.MAX_ATTEMPTS);
    }

    /**
     * gridexec's own defaults: one worker per available processor (at most {@value TaskReader#MAX_WORKERS}),
     * {@code threads} mode, {@code nodes} nodes, one thread per slot, a 5 ms switch interval, seed 0 and
     * 3 attempts per chunk.
     */
    public static TaskDefaults builtIn(int availableProcessors, int nodes) {
        int workers = Math.max(1, Math.min(availableProcessors, TaskReader.MAX_WORKERS));
        return new TaskDefaults(workers, Mode.THREADS, nodes, 1, 5, 0, 3);
    }

    /** The chunks a task gets when it names none: four per worker, at most {@value TaskReader#MAX_CHUNKS}. */
    public static int chunksFor(int workers, int nodes) {
        return (int) Math.min(4L * workers * nodes, TaskReader.MAX_CHUNKS);
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("default " + name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
