package dev.gridexec.experiment;

import dev.gridexec.wire.Mode;

/**
 * One point of a sweep: a layout of the same task.
 *
 * @param label   the line it belongs to in the report (the mode's name unless the spec names one, e.g. {@code processes})
 * @param mode    the execution model inside each node
 * @param nodes   node processes used
 * @param workers workers per node
 */
public record Configuration(String label, Mode mode, int nodes, int workers) {

    /** Workers across all nodes: the p of speedup, efficiency and Karp–Flatt. */
    public int totalWorkers() {
        return nodes * workers;
    }
}
