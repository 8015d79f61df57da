package dev.gridexec.experiment;

/**
 * Where a sweep runs, as far as what it may measure is concerned.
 *
 * @param coordinator {@code local} when the client started the nodes, else the coordinator's URL
 * @param nodes       node processes available
 * @param processors  processors each node sees (the fewest of them)
 * @param oneHost     whether every node shares this host's processors (a local experiment)
 */
public record Target(String coordinator, int nodes, int processors, boolean oneHost) {
}
